import { MlApiError, type SweepEvent, type SweepFields } from '@trainyard/core';
import { storedRun } from '@trainyard/core/testing';
import { describe, expect, it, vi } from 'vitest';
import type { StudioClient } from './client/studioClient.js';
import { runCli } from './runCli.js';
import { fakeStudioClient, memoryIo, sweepRecord } from './testing/fakeStudioClient.js';

const sweepArgs = ['sweep', '--framework', 'pytorch', '--dataset', 'iris', '--epochs', '5,10'];

/** A studio whose sweep finishes at once with the given rows. */
function finishedSweep(
  rows = [
    storedRun({ id: 'r1', metric_score: 0.8 }),
    storedRun({ id: 'r2', metric_score: 0.96, modelId: 'mdl-best' }),
  ],
  status: 'completed' | 'failed' = 'completed',
) {
  let created: SweepFields | undefined;
  const client = fakeStudioClient({
    async createSweep(fields) {
      created = fields;
      return sweepRecord(fields, rows.length);
    },
    async followSweep(_id, onEvent: (e: SweepEvent) => void) {
      rows.forEach((row, i) => {
        onEvent({ type: 'row', row });
        const others = { failed: 0, cancelled: 0, interrupted: 0, stopped: 0 };
        onEvent({ type: 'progress', done: i + 1, total: rows.length, ...others });
      });
      return status;
    },
    async getSweep() {
      return { sweep: sweepRecord(created!, rows.length, { status }), runs: rows };
    },
  });
  return { client, created: () => created };
}

describe('runCli argument checks', () => {
  it('exits 2 on --epochs 0,10 with the AC-005 message on stderr, before opening any studio', async () => {
    const { io, stderr, stdout } = memoryIo();
    const connect = vi.fn();
    const code = await runCli(
      ['sweep', '--framework', 'pytorch', '--dataset', 'iris', '--epochs', '0,10'],
      io,
      { connect },
    );
    expect(code).toBe(2);
    expect(stderr()).toContain('Epoch out of range (1-500): 0');
    expect(stdout()).toBe('');
    expect(connect).not.toHaveBeenCalled();
  });

  it('exits 2 on an unknown option or a missing required option', async () => {
    const unknown = memoryIo();
    expect(await runCli(['sweep', '--epoch', '5'], unknown.io, { connect: vi.fn() })).toBe(2);
    expect(unknown.stderr()).toContain("unknown option '--epoch'");
    const missing = memoryIo();
    expect(await runCli(['datasets', 'add', 'x.csv'], missing.io, { connect: vi.fn() })).toBe(2);
    expect(missing.stderr()).toContain('--target');
  });

  it('exits 2 on a bad distillation value, naming the flag', async () => {
    const { io, stderr } = memoryIo();
    expect(await runCli(['distill', '--teacher', 'mdl-1', '--alpha', '1.5'], io, { connect: vi.fn() })).toBe(
      2,
    );
    expect(stderr()).toContain('--alpha: Alpha out of range (0-1): 1.5');
  });

  it('refuses `worker` without a queue, or with a queue but no shared database, and exits 2', async () => {
    const bare = memoryIo();
    expect(await runCli(['worker'], bare.io)).toBe(2);
    expect(bare.stderr()).toContain('trainyard worker needs TRAINYARD_REDIS_URL');
    const noDb = memoryIo({ env: { TRAINYARD_REDIS_URL: 'redis://127.0.0.1:1' } });
    expect(await runCli(['worker'], noDb.io)).toBe(2);
    expect(noDb.stderr()).toContain('TRAINYARD_REDIS_URL needs TRAINYARD_DATABASE_URL too');
    const slots = memoryIo({ env: { TRAINYARD_WORKER_CONCURRENCY: 'all' } });
    expect(await runCli(['worker'], slots.io)).toBe(2);
    expect(slots.stderr()).toContain('--concurrency: Concurrency must be an integer in [1, 256]: all');
  });

  it('exits 2 on a --server that is not a URL', async () => {
    const { io, stderr } = memoryIo();
    expect(await runCli(['runs', 'list', '--server', 'localhost:8787'], io)).toBe(2);
    expect(stderr()).toContain('--server');
  });

  it('documents exit codes and list defaults in --help and exits 0', async () => {
    const { io, stdout } = memoryIo();
    expect(await runCli(['sweep', '--help'], io)).toBe(0);
    expect(stdout()).toContain('130  interrupted');
    expect(stdout()).toMatch(/--epochs <list>.*\(default: "50"\)/);
    expect(stdout()).toContain('sweep attach <id> --server URL');
    expect(stdout()).toMatch(/--folds <k>\s+k-fold cross-validation/);
    expect(stdout()).toMatch(/\(default: 0\.2, none\s+with --folds\)/);
    expect(stdout()).toMatch(/--no-fused\s+train every combination on its own/);
  });

  it('sends fused: false for --no-fused and nothing without the flag (automatic)', async () => {
    for (const [flag, fused] of [
      [['--no-fused'], false],
      [['--fused'], true],
      [[], undefined],
    ] as const) {
      const { client, created } = finishedSweep();
      const { io } = memoryIo();
      expect(await runCli([...sweepArgs, ...flag], io, { connect: async () => client })).toBe(0);
      expect((created() as { fused?: boolean }).fused).toBe(fused);
    }
  });
});

describe('runCli sweep', () => {
  it('sends the validated fields with defaults, prints a table with the best row marked and exits 0', async () => {
    const { client, created } = finishedSweep();
    const { io, stdout, stderr } = memoryIo();
    const code = await runCli(sweepArgs, io, { connect: async () => client });
    expect(code).toBe(0);
    expect(created()).toMatchObject({
      framework: 'pytorch',
      datasetId: 'iris',
      epochValues: '5,10',
      batchSizes: '32',
      validationSize: 0.2,
    });
    expect(stdout()).toContain('★ best: row 2, accuracy 0.9600, model mdl-best');
    expect(stderr()).toContain('[2/2] completed');
    expect(client.calls).toContain('close');
  });

  it('sends the search and selection flags as sweep fields', async () => {
    const { client, created } = finishedSweep();
    const { io } = memoryIo();
    const args = [...sweepArgs, '--validation-size', '0', '--strategy', 'random', '--max-runs', '2'];
    expect(await runCli([...args, '--search-seed', '7'], io, { connect: async () => client })).toBe(0);
    expect(created()).toMatchObject({ validationSize: 0, strategy: 'random', maxRuns: 2, searchSeed: 7 });
  });

  it('sends --folds with no validation split, and refuses --folds 1 before anything runs', async () => {
    const { client, created } = finishedSweep();
    expect(await runCli([...sweepArgs, '--folds', '5'], memoryIo().io, { connect: async () => client })).toBe(
      0,
    );
    expect(created()).toMatchObject({ folds: 5, validationSize: 0 });
    const { io, stderr } = memoryIo();
    const code = await runCli([...sweepArgs, '--folds', '1'], io, { connect: async () => client });
    expect(code).not.toBe(0);
    expect(stderr()).toContain('--folds: Folds out of range (2-10): 1');
  });

  it('prints only the stored rows as JSON on stdout with --json', async () => {
    const { client } = finishedSweep();
    const { io, stdout } = memoryIo();
    expect(await runCli([...sweepArgs, '--json'], io, { connect: async () => client })).toBe(0);
    const rows = JSON.parse(stdout());
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ id: 'r2', metric_score: 0.96, metric_name: 'accuracy' });
  });

  it('exits 1 when every run failed', async () => {
    const failedRow = storedRun({ result: 'failed', metric_score: 'n/a', error: 'boom' });
    const { client } = finishedSweep([failedRow]);
    const { io, stderr } = memoryIo();
    expect(await runCli(sweepArgs, io, { connect: async () => client })).toBe(1);
    expect(stderr()).toContain('All 1 runs of sweep swp-1 failed');
  });

  it('detaches from a server on Ctrl-C, prints how to re-attach and exits 130', async () => {
    const controller = new AbortController();
    const client = fakeStudioClient({
      kind: 'remote',
      location: 'http://127.0.0.1:9999',
      createSweep: async (fields) => sweepRecord(fields, 2),
      followSweep: async () => {
        controller.abort();
        return 'detached';
      },
    });
    const { io, stderr } = memoryIo({ signal: controller.signal });
    expect(
      await runCli([...sweepArgs, '--server', 'http://127.0.0.1:9999'], io, { connect: async () => client }),
    ).toBe(130);
    expect(stderr()).toContain('trainyard sweep attach swp-1 --server http://127.0.0.1:9999');
    expect(client.calls).not.toContain('cancelSweep');
  });

  it('cancels an embedded sweep on Ctrl-C, since it would die with the process', async () => {
    const client = fakeStudioClient({
      createSweep: async (fields) => sweepRecord(fields, 2),
      followSweep: async () => 'detached',
      cancelSweep: async () => sweepRecord({} as SweepFields, 2, { status: 'cancelled' }),
    });
    const { io, stderr } = memoryIo();
    expect(await runCli(sweepArgs, io, { connect: async () => client })).toBe(130);
    expect(client.calls).toContain('cancelSweep');
    expect(stderr()).toContain('trainyard sweep resume swp-1');
  });
});

describe('runCli sweep attach, resume and cancel', () => {
  it('re-attaches to a sweep that ended cancelled, prints its rows and exits 1', async () => {
    const rows = [storedRun({ id: 'r1' })];
    const record = sweepRecord({} as SweepFields, 2, { status: 'cancelled', done: 1 });
    const client = fakeStudioClient({
      kind: 'remote',
      getSweep: async () => ({ sweep: record, runs: rows }),
      followSweep: async (_id, onEvent: (e: SweepEvent) => void) => {
        onEvent({ type: 'done', status: 'cancelled' });
        return 'cancelled';
      },
    });
    const { io, stdout, stderr } = memoryIo();
    expect(
      await runCli(['sweep', 'attach', 'swp-1', '--server', 'http://h:1', '--json'], io, {
        connect: async () => client,
      }),
    ).toBe(1);
    expect(JSON.parse(stdout())).toHaveLength(1);
    expect(stderr()).toContain('Sweep swp-1 ended cancelled: 1 of 2 runs completed');
  });

  it('resumes a sweep and follows it to the end', async () => {
    const rows = [storedRun({ id: 'r1' }), storedRun({ id: 'r2' })];
    const client = fakeStudioClient({
      resumeSweep: async () => sweepRecord({} as SweepFields, 2, { done: 1 }),
      followSweep: async () => 'completed',
      getSweep: async () => ({
        sweep: sweepRecord({} as SweepFields, 2, { status: 'completed', done: 2 }),
        runs: rows,
      }),
    });
    const { io, stderr } = memoryIo();
    expect(await runCli(['sweep', 'resume', 'swp-1'], io, { connect: async () => client })).toBe(0);
    expect(client.calls).toEqual(expect.arrayContaining(['resumeSweep', 'followSweep', 'getSweep']));
    expect(stderr()).toContain('Sweep swp-1 resumed: 1/2 combinations already done');
  });

  it('after a Ctrl-C, says how many combinations completed and shows one row per combination (issue 10 item 13)', async () => {
    const cancelled = { result: 'failed', stopReason: 'cancelled', error: 'Training cancelled' } as const;
    const runs = [
      storedRun({ id: 'a0', combinationIndex: 0 }),
      storedRun({ id: 'a1', combinationIndex: 1, ...cancelled }),
      storedRun({ id: 'b1', combinationIndex: 1 }),
    ];
    const client = fakeStudioClient({
      resumeSweep: async () => sweepRecord({} as SweepFields, 2, { done: 1, cancelled: 1 }),
      followSweep: async () => 'completed',
      getSweep: async () => ({
        sweep: sweepRecord({} as SweepFields, 2, { status: 'completed', done: 2 }),
        runs,
      }),
    });
    const { io, stdout, stderr } = memoryIo();
    expect(await runCli(['sweep', 'resume', 'swp-1'], io, { connect: async () => client })).toBe(0);
    expect(stderr()).toContain('Sweep swp-1 resumed: 1/2 combinations already done, training the other 1');
    expect(stdout()).not.toContain('failed');
    const json = memoryIo();
    expect(
      await runCli(['sweep', 'resume', 'swp-1', '--json'], json.io, { connect: async () => client }),
    ).toBe(0);
    expect(JSON.parse(json.stdout()).map((r: { id: string }) => r.id)).toEqual(['a0', 'b1']);
  });

  it('names the other counts when attaching or cancelling', async () => {
    const record = sweepRecord({} as SweepFields, 12, { status: 'cancelled', done: 8, cancelled: 2 });
    const client = fakeStudioClient({ cancelSweep: async () => record });
    const { io, stderr } = memoryIo();
    expect(await runCli(['sweep', 'cancel', 'swp-1'], io, { connect: async () => client })).toBe(0);
    expect(stderr()).toContain('Sweep swp-1 cancelled: 8/12 combinations done, 2 cancelled');
  });

  it('exits 2 when attaching to an unknown sweep', async () => {
    const client = fakeStudioClient({
      getSweep: () => Promise.reject(new MlApiError('NOT_FOUND', 'No sweep with id "nope"')),
    });
    const { io, stderr } = memoryIo();
    expect(await runCli(['sweep', 'attach', 'nope'], io, { connect: async () => client })).toBe(2);
    expect(stderr()).toContain('No sweep with id "nope"');
  });
});

describe('runCli errors from the studio', () => {
  const failing = (err: Error): Partial<StudioClient> => ({ getModel: () => Promise.reject(err) });

  it('exits 2 with the message for an unknown id', async () => {
    const client = fakeStudioClient(failing(new MlApiError('NOT_FOUND', 'Model not found: nope')));
    const { io, stderr } = memoryIo();
    expect(await runCli(['distill', '--teacher', 'nope'], io, { connect: async () => client })).toBe(2);
    expect(stderr()).toContain('Model not found: nope');
  });

  it('exits 2 on a refused token and says how to pass one', async () => {
    const client = fakeStudioClient({
      listDatasets: () =>
        Promise.reject(new MlApiError('UNAUTHORIZED', 'The token does not match this studio')),
    });
    const { io, stderr } = memoryIo();
    expect(await runCli(['datasets', 'list'], io, { connect: async () => client })).toBe(2);
    expect(stderr()).toContain(
      'The token does not match this studio (pass --token <token> or set TRAINYARD_TOKEN)',
    );
  });

  it('gives no token hint for a 403 that is not about the token (a Host name the studio refuses)', async () => {
    const message =
      'Host "studio.lan:8787" is not an address of this studio; open it at http://localhost:8787, or add the name to TRAINYARD_ALLOWED_HOSTS';
    const client = fakeStudioClient({
      listDatasets: () =>
        Promise.reject(new MlApiError('UNAUTHORIZED', message, { field: 'Host', status: 403 })),
    });
    const { io, stderr } = memoryIo();
    expect(await runCli(['datasets', 'list'], io, { connect: async () => client })).toBe(2);
    expect(stderr()).toBe(`error: ${message}\n`);
  });

  it('exits 1 for a server failure', async () => {
    const client = fakeStudioClient(failing(new MlApiError('INTERNAL', 'The Trainyard server answered 500')));
    const { io } = memoryIo();
    expect(await runCli(['distill', '--teacher', 'mdl-1'], io, { connect: async () => client })).toBe(1);
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../store/createStore.js';
import {
  currentProcessOwner,
  isProcessOwnerAlive,
  ownerOfProcess,
  type ProcessOwner,
} from '../store/processOwner.js';
import { trainBody } from '../testing/testApp.js';
import { interruptOrphans } from './interruptOrphans.js';

const at = '2026-01-01T00:00:00.000Z';
let dir: string;
let store: Store;
const children: ChildProcess[] = [];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trainyard-orphans-'));
  store = await createStore({ file: join(dir, 'trainyard.db') });
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Another process on this host, as the owner it would record. */
async function otherProcess(): Promise<{ child: ChildProcess; owner: ProcessOwner }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  await once(child, 'spawn');
  const owner = ownerOfProcess(child.pid!);
  if (!owner) throw new Error(`cannot read the start time of process ${child.pid}`);
  return { child, owner };
}

/** What `owner` writes when it starts a sweep with one run: both stay 'running' until it ends them. */
async function startedBy(owner: ProcessOwner, id: string): Promise<void> {
  const theirs = await createStore({ file: store.file, owner });
  await theirs.sweeps.insert({
    id,
    status: 'running',
    fields: {} as never,
    combinations: [trainBody],
    total: 1,
    createdAt: at,
  });
  await theirs.runs.insert({
    id: `${id}-run`,
    framework: 'pytorch',
    kind: 'train',
    datasetId: 'iris',
    seed: 42,
    combination: trainBody,
    sweepId: id,
    combinationIndex: 0,
    createdAt: at,
  });
  await theirs.close();
}

const statuses = async (id: string) => ({
  sweep: (await store.sweeps.get(id))?.status,
  run: (await store.runs.get(`${id}-run`))?.result,
});

describe('interruptOrphans with the real process check', () => {
  it('leaves a live process on this host alone (e.g. the server while the CLI opens its home)', async () => {
    const { owner } = await otherProcess();
    await startedBy(owner, 's1');
    expect(isProcessOwnerAlive(owner)).toBe(true);
    expect(await interruptOrphans(store, isProcessOwnerAlive, at)).toEqual({
      interruptedRuns: 0,
      interruptedSweeps: [],
    });
    expect(await statuses('s1')).toEqual({ sweep: 'running', run: 'running' });
  });

  it('interrupts the runs and sweep of a process that is gone', async () => {
    const { child, owner } = await otherProcess();
    await startedBy(owner, 's1');
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(isProcessOwnerAlive(owner)).toBe(false);
    expect(await interruptOrphans(store, isProcessOwnerAlive, at)).toEqual({
      interruptedRuns: 1,
      interruptedSweeps: ['s1'],
    });
    expect(await statuses('s1')).toEqual({ sweep: 'interrupted', run: 'failed' });
    expect(await store.runs.get('s1-run')).toMatchObject({ error: 'interrupted', finishedAt: at });
  });

  it('interrupts an owner whose pid now belongs to a process started at another time', async () => {
    const reused = { ...currentProcessOwner(), token: 'a process that started earlier' };
    await startedBy(reused, 's1');
    expect(isProcessOwnerAlive(reused)).toBe(false);
    await interruptOrphans(store, isProcessOwnerAlive, at);
    expect(await statuses('s1')).toEqual({ sweep: 'interrupted', run: 'failed' });
  });

  it('interrupts rows written before owners were recorded', async () => {
    await startedBy(currentProcessOwner(), 's1');
    const raw = new Database(store.file);
    for (const table of ['runs', 'sweeps']) {
      raw.prepare(`update ${table} set owner_host = null, owner_pid = null, owner_token = null`).run();
    }
    raw.close();
    expect(await interruptOrphans(store, isProcessOwnerAlive, at)).toEqual({
      interruptedRuns: 1,
      interruptedSweeps: ['s1'],
    });
  });

  it('leaves an owner on another host alone, since its process cannot be checked', async () => {
    const { child, owner } = await otherProcess();
    child.kill('SIGKILL');
    await once(child, 'exit');
    await startedBy({ ...owner, host: 'another-machine' }, 's1');
    await interruptOrphans(store, isProcessOwnerAlive, at);
    expect(await statuses('s1')).toEqual({ sweep: 'running', run: 'running' });
  });

  it('touches nothing of this process', async () => {
    await startedBy(store.owner, 's1');
    await interruptOrphans(store, isProcessOwnerAlive, at);
    expect(await statuses('s1')).toEqual({ sweep: 'running', run: 'running' });
  });
});

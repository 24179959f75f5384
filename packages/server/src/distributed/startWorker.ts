import { type GroupOutcome, MlApiError, RunStop } from '@trainyard/core';
import { Worker } from 'bullmq';
import { createStudio, type Studio, type StudioOptions } from '../studio/createStudio.js';
import { closeLostRuns } from './closeLostRuns.js';
import {
  CANCEL_CHANNEL,
  type CancelMessage,
  COMBINATION_QUEUE,
  type CombinationJobData,
  type CombinationProgress,
  type CombinationResult,
  cancelKey,
  jobIndexes,
  redisConnection,
} from './combinationJob.js';
import type { QueueConfig } from './queueConfig.js';

export interface StartWorkerOptions extends Omit<QueueConfig, 'maxAttempts'> {
  /** Data directory of this machine's engines (datasets, models); default as the studio's. */
  home?: string;
  /** The trainers' local api (tests pass a fake engine); created over `home` when not given. */
  api?: StudioOptions['api'];
  onError?: (err: unknown, context: string) => void;
  /**
   * How often (ms) the worker reads the stop keys of its running combinations, so a cancel whose
   * pub/sub message it missed (reconnecting to Redis) still stops them; default 1000.
   */
  cancelPollMs?: number;
  /** Listen on the cancel channel (default true); tests turn it off to exercise the poll alone. */
  cancelChannel?: boolean;
}

export interface RunningWorker {
  readonly studio: Studio;
  /** Takes no new combinations, lets the running ones finish, then closes. Idempotent. */
  drain(): Promise<void>;
}

/**
 * `trainyard worker`: pulls sweep combinations off the queue and trains them with this machine's
 * engines (`workerConcurrency` at a time), writing each run row to the shared store. BullMQ's job
 * lock is the heartbeat: a worker that dies stops renewing it, and after `lockMs` another worker's
 * stalled-job check (every `stalledMs`) hands the combination out again.
 *
 * @example const worker = await startWorker({ redisUrl, lockMs: 30_000, stalledMs: 30_000, workerConcurrency: 4 });
 */
export async function startWorker(o: StartWorkerOptions): Promise<RunningWorker> {
  const onError = o.onError ?? ((err, context) => console.error(`[trainyard worker] ${context}:`, err));
  const studio = await createStudio({
    concurrency: o.workerConcurrency,
    queue: null, // a worker trains here, whatever TRAINYARD_REDIS_URL says
    onError,
    ...(o.home !== undefined ? { home: o.home } : {}),
    ...(o.api !== undefined ? { api: o.api } : {}),
  });
  const running = new Map<string, AbortController>();

  const subscriber = redisConnection(o.redisUrl);
  subscriber.on('error', (err) => onError(err, 'cancel channel'));
  subscriber.on('message', (_channel: string, text: string) => {
    try {
      const msg = JSON.parse(text) as CancelMessage;
      running.get(msg.jobId)?.abort(new RunStop(msg.reason));
    } catch (err) {
      onError(err, 'cancel message');
    }
  });
  if (o.cancelChannel !== false) await subscriber.subscribe(CANCEL_CHANNEL);

  const connection = redisConnection(o.redisUrl);
  connection.on('error', (err) => onError(err, 'queue connection'));

  // The poll behind the channel: one MGET of the running jobs' stop keys per tick, none when idle.
  let polling = false;
  const poll = setInterval(() => {
    if (polling || running.size === 0) return;
    polling = true;
    const ids = [...running.keys()];
    connection
      .mget(ids.map(cancelKey))
      .then((reasons) => {
        reasons.forEach((reason, i) => {
          if (reason === 'cancelled' || reason === 'stopped')
            running.get(ids[i] as string)?.abort(new RunStop(reason));
        });
      })
      .catch((err: unknown) => onError(err, 'cancel poll'))
      .finally(() => {
        polling = false;
      });
  }, o.cancelPollMs ?? 1000);
  poll.unref();
  /** A fused group's job: one group training, each member's run ids and epochs reported with its grid position. */
  const trainMembers = async (
    data: CombinationJobData,
    signal: AbortSignal,
    report: (p: CombinationProgress) => Promise<unknown>,
  ): Promise<GroupOutcome[]> => {
    const members = data.members ?? [];
    const { trainGroup } = studio.api;
    if (!trainGroup) throw new MlApiError('ENGINE_UNAVAILABLE', 'This worker trains no fused groups');
    const runIds = new Map<number, string>();
    const onRunStart = (id: string, index: number) => {
      runIds.set(index, id);
      void report({ runId: id, combinationIndex: index });
    };
    return trainGroup(
      data.framework,
      members.map((m) => m.req),
      members.map(({ combinationIndex }) => ({
        signal,
        onEpoch: (epoch) =>
          void report({ runId: runIds.get(combinationIndex) ?? '', combinationIndex, epoch }),
      })),
      members.map(({ combinationIndex }) => ({ sweepId: data.sweepId, combinationIndex, onRunStart })),
    );
  };

  const worker = new Worker<CombinationJobData, CombinationResult>(
    COMBINATION_QUEUE,
    async (job): Promise<CombinationResult> => {
      const { framework, req, sweepId, combinationIndex } = job.data;
      const jobId = job.id ?? `${sweepId}.?.${combinationIndex}`;
      const controller = new AbortController();
      running.set(jobId, controller);
      let runId = '';
      const report = (p: CombinationProgress) =>
        job
          .updateProgress({ ...p, at: Date.now() } as unknown as object)
          .catch((err: unknown) => onError(err, `progress of ${jobId}`));
      try {
        // Registered first: a stop published from now on reaches it; one published before is kept.
        const stopped = await connection.get(cancelKey(jobId));
        if (stopped === 'cancelled' || stopped === 'stopped') controller.abort(new RunStop(stopped));
        for (const index of jobIndexes(job.data))
          await closeLostRuns(studio.store, sweepId, index, new Date().toISOString());
        if (job.data.members)
          return { ok: true, outcomes: await trainMembers(job.data, controller.signal, report) };
        const res = await studio.api.train(
          framework,
          req,
          { signal: controller.signal, onEpoch: (epoch) => void report({ runId, epoch }) },
          {
            sweepId,
            combinationIndex,
            onRunStart: (id, index) => {
              if (index !== combinationIndex) return void report({ runId: id, combinationIndex: index });
              runId = id;
              void report({ runId });
            },
          },
        );
        return { ok: true, res };
      } catch (err) {
        // Expected failures are the combination's result; anything else is retried by BullMQ.
        if (!(err instanceof MlApiError)) throw err;
        return {
          ok: false,
          code: err.code,
          message: err.message,
          ...(err.field !== undefined ? { field: err.field } : {}),
        };
      } finally {
        running.delete(jobId);
      }
    },
    {
      connection,
      concurrency: o.workerConcurrency,
      lockDuration: o.lockMs,
      stalledInterval: o.stalledMs,
      // A combination whose workers keep dying is given up like one whose attempts ran out.
      maxStalledCount: 2,
    },
  );
  worker.on('error', (err) => onError(err, 'queue'));
  await worker.waitUntilReady();

  let draining: Promise<void> | undefined;
  return {
    studio,
    drain() {
      draining ??= (async () => {
        await worker.close(); // waits for the running combinations
        clearInterval(poll);
        await subscriber.quit().catch(() => subscriber.disconnect());
        await connection.quit().catch(() => connection.disconnect());
        await studio.close();
      })();
      return draining;
    },
  };
}

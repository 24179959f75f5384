import { setMaxListeners } from 'node:events';
import {
  allAborted,
  type CallOptions,
  MlApiError,
  RunStop,
  stopOf,
  type TrainRequest,
  trainingSignal,
} from '@trainyard/core';
import { type Job, QueueEvents } from 'bullmq';
import type { Store } from '../store/createStore.js';
import type { PersistingMlApi, RunTag } from '../studio/persistingMlApi.js';
import { closeLostRuns, WORKER_LOST } from './closeLostRuns.js';
import {
  CANCEL_CHANNEL,
  CANCEL_KEY_TTL_S,
  type CancelMessage,
  type CombinationJobData,
  type CombinationProgress,
  type CombinationResult,
  cancelKey,
  combinationJobId,
  combinationQueue,
  jobIndexes,
  redisConnection,
} from './combinationJob.js';
import type { QueueConfig } from './queueConfig.js';

export interface QueueMlApiOptions {
  config: Pick<QueueConfig, 'redisUrl' | 'maxAttempts'>;
  /** Trains what is not a sweep combination (single runs, distillations) here, and stores it. */
  local: PersistingMlApi;
  store: Store;
  onError?: (err: unknown, context: string) => void;
  /** How long one wait on a job lasts before the job is looked up again (re-added if Redis lost it). */
  recheckMs?: number;
}

/** The API server's MlApi in distributed mode; `close` leaves the queued and running jobs to the workers. */
export interface QueueMlApi extends PersistingMlApi {
  /** Sweeps with combinations waiting or running on the queue (start-up follows them again). */
  sweepsWithQueuedWork(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Combinations of a sweep that names no `concurrency` kept on the queue at once in distributed mode:
 * all of them for any real grid, so every free worker slot can take one.
 */
export const DISTRIBUTED_SWEEP_WINDOW = 10_000;

const FINISHED = new Set(['completed', 'failed']);

/**
 * Distributed mode: a sweep combination (a train call with a run tag) becomes a BullMQ job that a
 * `trainyard worker` runs; the call awaits its result and forwards the worker's progress (run id,
 * epochs) from the queue's events, so the core orchestrator schedules a distributed sweep exactly
 * like a local one. Cancelling the call removes a waiting job, or tells the worker running it to stop.
 *
 * @example const api = createQueueMlApi({ config, local: studio.api, store: studio.store });
 */
export function createQueueMlApi(o: QueueMlApiOptions): QueueMlApi {
  const { local, store } = o;
  const onError = o.onError ?? (() => {});
  const recheckMs = o.recheckMs ?? 5000;
  const connection = redisConnection(o.config.redisUrl);
  connection.on('error', (err) => onError(err, 'queue connection'));
  const queue = combinationQueue(connection, {
    defaultJobOptions: {
      attempts: o.config.maxAttempts,
      backoff: { type: 'exponential', delay: 1000 },
      // Kept a while rather than removed at once: a waiter may look a finished job up after it ended.
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  queue.on('error', (err) => onError(err, 'queue'));
  const eventsConnection = redisConnection(o.config.redisUrl);
  eventsConnection.on('error', (err) => onError(err, 'queue events connection'));
  const events = new QueueEvents(queue.name, { connection: eventsConnection });
  events.on('error', (err) => onError(err, 'queue events'));
  const listeners = new Map<string, (p: CombinationProgress) => void>();
  events.on('progress', ({ jobId, data }) => listeners.get(jobId)?.(data as unknown as CombinationProgress));
  const stopping = new AbortController();
  // Every combination in flight waits on these at once: thousands of listeners are expected.
  setMaxListeners(0, stopping.signal);
  queue.setMaxListeners(0);
  events.setMaxListeners(0);

  /** The job of this combination for the current start or resume: the first generation not finished. */
  const enqueue = async (data: CombinationJobData): Promise<Job<CombinationJobData, CombinationResult>> => {
    for (let resumeNo = 0; ; resumeNo++) {
      const jobId = combinationJobId(data.sweepId, resumeNo, data.combinationIndex);
      const existing = await queue.getJob(jobId);
      if (!existing) return queue.add(data.framework, data, { jobId });
      if (!FINISHED.has(await existing.getState())) return existing;
    }
  };

  /** Removes the job while it waits (then aborts `removed`), or tells the worker running it to stop. */
  const stopJob = async (
    job: Job<CombinationJobData, CombinationResult>,
    stop: RunStop,
    removed: AbortController,
  ) => {
    if (stop.reason === 'interrupted') return; // this server stops; the workers keep training
    const jobId = job.id as string;
    for (let tries = 0; tries < 3; tries++) {
      const state = await job.getState();
      if (FINISHED.has(state) || state === 'unknown') return;
      if (state === 'active') {
        const msg: CancelMessage = { jobId, reason: stop.reason };
        await connection.set(cancelKey(jobId), stop.reason, 'EX', CANCEL_KEY_TTL_S);
        await connection.publish(CANCEL_CHANNEL, JSON.stringify(msg));
        return;
      }
      try {
        await job.remove();
        removed.abort(stop);
        return;
      } catch {
        // A worker took it meanwhile (it is locked): look again, it is active now.
      }
    }
  };

  /** Settles with `work`, or rejects with the reason of the first of `signals` to fire. */
  const unlessAborted = <T>(work: Promise<T>, signals: AbortSignal[]): Promise<T> => {
    const any = AbortSignal.any(signals);
    if (any.aborted) return Promise.reject(any.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(any.reason);
      any.addEventListener('abort', onAbort, { once: true });
      work.then(resolve, reject).finally(() => any.removeEventListener('abort', onAbort));
    });
  };

  const awaitResult = async (
    job: Job<CombinationJobData, CombinationResult>,
    signal: AbortSignal,
    removed: AbortSignal,
  ): Promise<CombinationResult> => {
    for (;;) {
      try {
        return await unlessAborted(job.waitUntilFinished(events, recheckMs), [stopping.signal, removed]);
      } catch (err) {
        if (err instanceof RunStop) throw err;
        const found = await queue.getJob(job.id as string);
        if (!found) {
          if (signal.aborted) throw stopOf(signal) ?? new RunStop('cancelled');
          // Redis lost it (restarted without its data): add it again under the same id.
          await queue.add(job.name, job.data, { jobId: job.id as string });
          continue;
        }
        if ((await found.getState()) === 'failed') {
          const now = new Date().toISOString();
          for (const index of jobIndexes(job.data)) await closeLostRuns(store, job.data.sweepId, index, now);
          throw new MlApiError(
            'TRAINING_FAILED',
            `Combination given up after ${found.attemptsMade} attempts: ${found.failedReason ?? WORKER_LOST}`,
          );
        }
        if (!/timed out/.test(String(err))) throw err;
      }
    }
  };

  const {
    trainGroup: _group,
    trainPytorchGroup: _pytorch,
    trainTensorflowGroup: _tensorflow,
    ...sweepless
  } = local;

  /**
   * Enqueues a job for these runs (one request, or a fused group's) and awaits its result, handing
   * each run id and epoch the worker reports to its member's tag and call (by grid position; an epoch
   * checkpoint's run to the member it rides with). The job stops once every run is stopped.
   */
  const runJob = async (
    data: CombinationJobData,
    members: Array<{ req: TrainRequest; call: CallOptions; tag: RunTag }>,
  ): Promise<CombinationResult> => {
    const signal = allAborted(members.map((m) => trainingSignal(m.call))) ?? new AbortController().signal;
    setMaxListeners(0, signal); // one sweep's signal: each of its combinations in flight listens
    if (signal.aborted) throw stopOf(signal) ?? new RunStop('cancelled');
    const job = await enqueue(data);
    const jobId = job.id as string;
    const memberOf = (index: number) =>
      members.find((m) => m.tag.combinationIndex === index || m.req.checkpointIndexes?.includes(index));
    const started = new Set<string>();
    listeners.set(jobId, (p) => {
      const index = p.combinationIndex ?? data.combinationIndex;
      const member = memberOf(index);
      if (p.runId && !started.has(p.runId)) {
        started.add(p.runId);
        member?.tag.onRunStart?.(p.runId, index);
      }
      if (p.epoch && member?.tag.combinationIndex === index) member.call.onEpoch?.(p.epoch);
    });
    const removed = new AbortController();
    const onAbort = () => {
      const stop = stopOf(signal) ?? new RunStop('cancelled');
      stopJob(job, stop, removed).catch((err: unknown) => onError(err, `stopping ${jobId}`));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await awaitResult(job, signal, removed.signal);
      if (!result.ok)
        throw new MlApiError(result.code, result.message, result.field ? { field: result.field } : {});
      return result;
    } finally {
      signal.removeEventListener('abort', onAbort);
      listeners.delete(jobId);
    }
  };

  const train: PersistingMlApi['train'] = async (framework, req, call = {}, tag) => {
    if (!tag) return local.train(framework, req, call);
    const data: CombinationJobData = {
      framework,
      req,
      sweepId: tag.sweepId,
      combinationIndex: tag.combinationIndex,
    };
    const result = await runJob(data, [{ req, call, tag }]);
    if (!('res' in result))
      throw new MlApiError('TRAINING_FAILED', 'The worker answered a group for one run');
    return result.res;
  };

  /** A fused group of a sweep as one job (issue 16): a worker trains it with its group method. */
  const trainGroup: NonNullable<PersistingMlApi['trainGroup']> = async (
    framework,
    reqs,
    calls,
    tags = [],
  ) => {
    const members = reqs.map((req, i) => {
      const tag = tags[i];
      if (!tag) throw new Error("A fused group on the queue needs every member's sweep tag");
      return { req, call: calls[i] ?? {}, tag };
    });
    const first = members[0];
    if (!first) return [];
    const data: CombinationJobData = {
      framework,
      req: first.req,
      sweepId: first.tag.sweepId,
      combinationIndex: first.tag.combinationIndex,
      members: members.map((m) => ({ req: m.req, combinationIndex: m.tag.combinationIndex })),
    };
    const result = await runJob(data, members);
    if (!('outcomes' in result))
      throw new MlApiError('TRAINING_FAILED', 'The worker answered one run for a group');
    return result.outcomes;
  };

  return {
    ...sweepless,
    // One job per combination, per chain of epoch checkpoints (shared prefixes) or per fused group.
    sharesTrainings: true,
    trainGroup,
    trainPytorchGroup: (reqs, calls) => local.trainPytorchGroup?.(reqs, calls) ?? Promise.resolve([]),
    trainTensorflowGroup: (reqs, calls) => local.trainTensorflowGroup?.(reqs, calls) ?? Promise.resolve([]),
    train,
    trainPytorch: (req, call) => local.trainPytorch(req, call),
    trainTensorflow: (req, call) => local.trainTensorflow(req, call),
    async sweepsWithQueuedWork() {
      const jobs = await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);
      return [...new Set(jobs.filter((j) => j?.data).map((j) => j.data.sweepId))];
    },
    async shutdown() {
      stopping.abort(new RunStop('interrupted'));
      await local.shutdown();
    },
    async close() {
      await events.close();
      await queue.close();
      // BullMQ leaves connections it was given open.
      for (const c of [eventsConnection, connection]) await c.quit().catch(() => c.disconnect());
    },
  };
}

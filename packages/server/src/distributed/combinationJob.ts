/**
 * The wire shapes of a sweep combination on the queue: what the API server enqueues, what a worker
 * reports while it trains (BullMQ job progress) and what it returns. Kept apart so both sides agree
 * in one place. A combination that trains and fails is a result (`ok: false`), not a job failure:
 * BullMQ retries only what went wrong around the training (a lost worker, an unreachable store).
 */
import type {
  EpochEvent,
  ErrorCode,
  Framework,
  GroupOutcome,
  TensorflowTrainRequest,
  TrainRequest,
  TrainResponse,
} from '@trainyard/core';
import { type ConnectionOptions, Queue, type QueueOptions } from 'bullmq';
import { Redis } from 'ioredis';

/** The one BullMQ queue of sweep combinations. */
export const COMBINATION_QUEUE = 'trainyard-combinations';
/** Redis pub/sub channel the API server stops running combinations through (a CancelMessage). */
export const CANCEL_CHANNEL = 'trainyard:cancel';

export interface CombinationJobData {
  framework: Framework;
  req: TrainRequest | TensorflowTrainRequest;
  sweepId: string;
  combinationIndex: number;
  /**
   * A fused group (issue 16): every member's request and grid position, the first being `req` and
   * `combinationIndex`; the worker trains them as one group and answers `outcomes`.
   */
  members?: Array<{ req: TrainRequest | TensorflowTrainRequest; combinationIndex: number }>;
}

export type CombinationResult =
  | { ok: true; res: TrainResponse }
  | { ok: true; outcomes: GroupOutcome[] }
  | { ok: false; code: ErrorCode; message: string; field?: string };

/** Job progress: the run id as soon as the worker stored the row, then each epoch. */
export interface CombinationProgress {
  runId: string;
  /**
   * The grid position of the run `runId` names when it is not the job's own: one of the request's
   * epoch checkpoints (shared prefixes), whose rows the worker stores too. Epochs are the job's own.
   */
  combinationIndex?: number;
  epoch?: EpochEvent;
  /** When the worker sent it (its clock, ms since the epoch): the bench's worker → SSE lag. */
  at?: number;
}

/** Every grid position a job stores a run for: its own and its epoch checkpoints'. */
export const jobIndexes = (data: CombinationJobData): number[] =>
  (data.members ?? [data]).flatMap((m) => [m.combinationIndex, ...(m.req.checkpointIndexes ?? [])]);

/**
 * The key that keeps a stop request for a job (an hour): a worker that takes the job just after the
 * message was published (and so missed it) reads it when it starts.
 */
export const cancelKey = (jobId: string) => `${CANCEL_CHANNEL}:${jobId}`;
export const CANCEL_KEY_TTL_S = 3600;

export interface CancelMessage {
  jobId: string;
  reason: 'cancelled' | 'stopped';
}

/**
 * `<sweepId>.<resumeNo>.<index>`: one id per combination per start or resume of a sweep, so adding
 * it again (a restarted API server) is a no-op. BullMQ ids cannot contain `:`.
 *
 * @example combinationJobId('b3c…', 0, 7) // 'b3c….0.7'
 */
export const combinationJobId = (sweepId: string, resumeNo: number, index: number): string =>
  `${sweepId}.${resumeNo}.${index}`;

/**
 * A Redis connection as BullMQ wants it for blocking commands: requests wait through a reconnect
 * instead of failing after a few retries (a Redis restart must not fail a sweep).
 */
export const redisConnection = (url: string): Redis =>
  new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true });

export const combinationQueue = (connection: ConnectionOptions, opts: Partial<QueueOptions> = {}) =>
  new Queue<CombinationJobData, CombinationResult>(COMBINATION_QUEUE, { connection, ...opts });

import { availableParallelism } from 'node:os';

/** How the API server and `trainyard worker` reach the queue, and how the queue treats a job. */
export interface QueueConfig {
  /** TRAINYARD_REDIS_URL */
  redisUrl: string;
  /** TRAINYARD_LOCK_MS: a worker's lock on a job; it renews it at half this while the job runs. */
  lockMs: number;
  /** TRAINYARD_STALLED_MS: how often workers look for jobs whose lock expired (a dead worker's). */
  stalledMs: number;
  /** TRAINYARD_MAX_ATTEMPTS: tries of one combination when its worker fails (not when it trains and fails). */
  maxAttempts: number;
  /** TRAINYARD_WORKER_CONCURRENCY: trainings one worker runs at once. */
  workerConcurrency: number;
}

/** Defaults for minutes-long trainings: a dead worker's combination is retried within a minute. */
export const QUEUE_DEFAULTS = { lockMs: 30_000, stalledMs: 30_000, maxAttempts: 3 } as const;

type Env = Record<string, string | undefined>;

const positiveInt = (env: Env, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
  return n;
};

/**
 * The queue settings in `env`, or undefined when TRAINYARD_REDIS_URL is unset (embedded mode). A
 * Redis URL without TRAINYARD_DATABASE_URL is refused: workers on other machines cannot see SQLite.
 *
 * @example queueConfigFromEnv({ TRAINYARD_REDIS_URL: 'redis://q:6379', TRAINYARD_DATABASE_URL: 'postgres://db/ty' });
 */
export function queueConfigFromEnv(env: Env = process.env): QueueConfig | undefined {
  const redisUrl = env.TRAINYARD_REDIS_URL?.trim();
  if (!redisUrl) return undefined;
  if (!/^rediss?:\/\//.test(redisUrl))
    throw new Error(
      `TRAINYARD_REDIS_URL must be a redis:// or rediss:// URL, got "${redisUrl.replace(/:[^:@/]*@/, ':***@')}"`,
    );
  if (!env.TRAINYARD_DATABASE_URL?.trim())
    throw new Error(
      'TRAINYARD_REDIS_URL needs TRAINYARD_DATABASE_URL too: workers on other machines cannot see the SQLite file, ' +
        'so distributed mode keeps its runs in PostgreSQL (set TRAINYARD_DATABASE_URL=postgres://…, or unset TRAINYARD_REDIS_URL)',
    );
  return {
    redisUrl,
    lockMs: positiveInt(env, 'TRAINYARD_LOCK_MS', QUEUE_DEFAULTS.lockMs),
    stalledMs: positiveInt(env, 'TRAINYARD_STALLED_MS', QUEUE_DEFAULTS.stalledMs),
    maxAttempts: positiveInt(env, 'TRAINYARD_MAX_ATTEMPTS', QUEUE_DEFAULTS.maxAttempts),
    workerConcurrency: positiveInt(env, 'TRAINYARD_WORKER_CONCURRENCY', availableParallelism()),
  };
}

import { describe, expect, it } from 'vitest';
import { QUEUE_DEFAULTS, queueConfigFromEnv } from './queueConfig.js';

const db = 'postgres://ty@db/trainyard';

describe('queueConfigFromEnv', () => {
  it('is embedded mode (undefined) when TRAINYARD_REDIS_URL is unset or empty', () => {
    expect(queueConfigFromEnv({})).toBeUndefined();
    expect(queueConfigFromEnv({ TRAINYARD_REDIS_URL: ' ', TRAINYARD_DATABASE_URL: db })).toBeUndefined();
  });

  it('refuses a Redis URL without a database URL, saying why', () => {
    expect(() => queueConfigFromEnv({ TRAINYARD_REDIS_URL: 'redis://q:6379' })).toThrow(
      /TRAINYARD_REDIS_URL needs TRAINYARD_DATABASE_URL too: workers on other machines cannot see the SQLite file/,
    );
  });

  it('reads the queue settings, with defaults for minutes-long trainings', () => {
    expect(
      queueConfigFromEnv({
        TRAINYARD_REDIS_URL: 'redis://q:6379',
        TRAINYARD_DATABASE_URL: db,
        TRAINYARD_WORKER_CONCURRENCY: '3',
      }),
    ).toEqual({ redisUrl: 'redis://q:6379', ...QUEUE_DEFAULTS, workerConcurrency: 3 });
    expect(
      queueConfigFromEnv({
        TRAINYARD_REDIS_URL: 'rediss://q:6380',
        TRAINYARD_DATABASE_URL: db,
        TRAINYARD_LOCK_MS: '5000',
        TRAINYARD_STALLED_MS: '2000',
        TRAINYARD_MAX_ATTEMPTS: '5',
      }),
    ).toMatchObject({ lockMs: 5000, stalledMs: 2000, maxAttempts: 5 });
  });

  it('names the variable and the value it refuses, hiding a password', () => {
    const env = { TRAINYARD_REDIS_URL: 'redis://q', TRAINYARD_DATABASE_URL: db };
    expect(() => queueConfigFromEnv({ ...env, TRAINYARD_LOCK_MS: '0' })).toThrow(
      'TRAINYARD_LOCK_MS must be a whole number of at least 1, got "0"',
    );
    expect(() => queueConfigFromEnv({ ...env, TRAINYARD_MAX_ATTEMPTS: 'many' })).toThrow(
      /TRAINYARD_MAX_ATTEMPTS.*"many"/,
    );
    expect(() => queueConfigFromEnv({ ...env, TRAINYARD_REDIS_URL: 'http://u:secret@q' })).toThrow(
      'TRAINYARD_REDIS_URL must be a redis:// or rediss:// URL, got "http://u:***@q"',
    );
  });
});

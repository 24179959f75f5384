import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from './redisServer.js';

describe('the redis-server test harness', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis.close());

  it('serves on loopback and keeps its data across a restart', async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
    try {
      await client.connect();
      await client.set('trainyard:probe', 'kept');
      await redis.stop();
      await redis.start();
      expect(await client.get('trainyard:probe')).toBe('kept');
    } finally {
      client.disconnect();
    }
  });
});

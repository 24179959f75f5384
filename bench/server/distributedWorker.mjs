// A `trainyard worker` for the distributed benchmark, through the programmatic startWorker of the BUILT
// server: the CLI's `worker` refuses a queue without TRAINYARD_DATABASE_URL, and the benchmark shares
// a SQLite home on one machine instead (no PostgreSQL needed to measure the queue). Prints "worker
// ready" once it pulls jobs; SIGTERM drains.
import { startWorker } from '../../packages/server/dist/index.js';

const env = process.env;
const worker = await startWorker({
  redisUrl: env.TRAINYARD_REDIS_URL,
  home: env.TRAINYARD_HOME,
  lockMs: Number(env.TRAINYARD_LOCK_MS),
  stalledMs: Number(env.TRAINYARD_STALLED_MS),
  workerConcurrency: Number(env.TRAINYARD_WORKER_CONCURRENCY ?? 1),
});
console.log(`worker ready pid ${process.pid}`);
process.once('SIGTERM', () => {
  worker.drain().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
});

/**
 * `node packages/server/dist/main.js`: the studio as a process. Reads PORT, HOST, TRAINYARD_HOME,
 * TRAINYARD_TOKEN, TRAINYARD_DATABASE_URL, TRAINYARD_ARTIFACTS; prints its URL; shuts down gracefully on SIGINT/SIGTERM.
 */
import { startServer } from './startServer.js';

try {
  const server = await startServer();
  console.log(`Trainyard studio: ${server.url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`Trainyard: ${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`Trainyard: ${signal}, stopping (running trainings are marked interrupted)...`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Trainyard: error while stopping:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  console.error(`Trainyard could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

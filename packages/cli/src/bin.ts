#!/usr/bin/env node
import { nodeIo } from './cliIo.js';
import { EXIT } from './exitCodes.js';
import { runCli } from './runCli.js';

// First Ctrl-C (or SIGTERM) asks the running command to stop cleanly (detach, cancel, shut down);
// a second one exits at once.
const controller = new AbortController();
let interrupts = 0;
const onSignal = () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(EXIT.interrupted);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await runCli(process.argv.slice(2), nodeIo(controller.signal));
// Engines may keep warm workers alive; the command is finished, so leave once stdout is flushed.
process.stdout.write('', () => process.exit(code));

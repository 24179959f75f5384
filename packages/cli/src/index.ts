export type { ConnectStudio, StudioTarget } from './client/connectStudio.js';
export { connectStudio } from './client/connectStudio.js';
export { createEmbeddedStudioClient, type EmbeddedOptions } from './client/embeddedStudioClient.js';
export { createRemoteStudioClient, type RemoteStudioOptions } from './client/remoteStudioClient.js';
export type { StudioClient } from './client/studioClient.js';
export { type CliIo, type CliWriter, nodeIo } from './cliIo.js';
export type { CommandContext } from './commandContext.js';
export { addDataset, listDatasets, showDataset } from './commands/datasetsCommands.js';
export { type DistillOptions, runDistill } from './commands/distillCommand.js';
export { DISTILL_DEFAULTS, parseDistillFlags } from './commands/distillFlags.js';
export { exportModel, listModels, removeModel } from './commands/modelsCommands.js';
export { type PredictOptions, predict } from './commands/predictCommand.js';
export { listRuns } from './commands/runsCommands.js';
export { type ServeOptions, serve } from './commands/serveCommand.js';
export {
  attachSweep,
  cancelSweep,
  resumeSweep,
  runSweep,
  type SweepOptions,
} from './commands/sweepCommands.js';
export { CliError, EXIT, type ExitCode, exitCodeFor } from './exitCodes.js';
export { formatDistillReport } from './format/distillReport.js';
export { BEST_MARK, formatRunTable } from './format/runTable.js';
export { type RunCliDeps, runCli } from './runCli.js';
export { parseSweepFlags, SWEEP_DEFAULTS, type SweepFlagValues } from './sweep/sweepFlags.js';

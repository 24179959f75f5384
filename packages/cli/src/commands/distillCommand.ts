import {
  type DistillRequest,
  type DistillResult,
  type MlApi,
  runPytorchDistillation,
  runTensorflowDistillation,
} from '@trainyard/core';
import { type CommandContext, note, writeJson, writeLine } from '../commandContext.js';
import { CliError, EXIT, type ExitCode } from '../exitCodes.js';
import { formatDistillReport } from '../format/distillReport.js';
import { type DistillFlagValues, parseDistillFlags } from './distillFlags.js';

export interface DistillOptions extends DistillFlagValues {
  json?: boolean;
}

/**
 * `trainyard distill`: distils a saved teacher (framework taken from its metadata) into a
 * smaller student with the core distillation orchestrator and prints teacher vs student.
 * @example await runDistill({ teacher: 'mdl_123', hiddenDims: '16', alpha: '0.7' }, ctx)
 */
export async function runDistill(options: DistillOptions, ctx: CommandContext): Promise<ExitCode> {
  const parsed = parseDistillFlags(options);
  if (!parsed.ok) throw new CliError(parsed.error);
  const client = await ctx.studio();
  const teacher = await client.getModel(options.teacher!.trim());
  const request = parsed.build(teacher);
  const progress = (event: { epoch: number; epochs: number; train_loss: number }) => {
    if (ctx.io.isTTY)
      ctx.io.stderr.write(`\repoch ${event.epoch}/${event.epochs}, loss ${event.train_loss.toFixed(4)}   `);
  };
  note(
    ctx,
    `Distilling ${teacher.framework} teacher ${teacher.modelId} into a ${request.numHiddenLayers}×${request.hiddenDim} student…`,
  );
  const result = await distill(client.api, teacher.framework, request, progress, ctx.io.signal);
  if (ctx.io.isTTY) ctx.io.stderr.write('\n');
  if (result.status === 'error') {
    if (ctx.io.signal?.aborted) return EXIT.interrupted;
    note(ctx, ctx.colors.red(`Distillation failed: ${result.error}`));
    return EXIT.failure;
  }
  if (options.json) {
    writeJson(ctx, result);
    return EXIT.ok;
  }
  const report = formatDistillReport(
    { teacher, studentModelId: result.modelId, student: request, metrics: result.metrics },
    ctx.colors,
  );
  writeLine(ctx, report);
  return EXIT.ok;
}

/** Runs the framework's orchestrator, passing per-epoch progress through to the api call. */
function distill(
  api: MlApi,
  framework: string,
  request: DistillRequest,
  onEpoch: NonNullable<Parameters<MlApi['distillPytorch']>[1]>['onEpoch'],
  signal: AbortSignal | undefined,
): Promise<DistillResult> {
  const withProgress =
    (call: MlApi['distillPytorch']): MlApi['distillPytorch'] =>
    (req, o) =>
      call(req, { ...o, ...(onEpoch ? { onEpoch } : {}) });
  const base = signal ? { request, signal } : { request };
  if (framework === 'pytorch') {
    return runPytorchDistillation({
      ...base,
      api: { distillPytorch: withProgress(api.distillPytorch.bind(api)) },
    });
  }
  if (framework === 'tensorflow') {
    return runTensorflowDistillation({
      ...base,
      api: { distillTensorflow: withProgress(api.distillTensorflow.bind(api)) },
    });
  }
  throw new CliError(`Teacher has an unknown framework: ${framework}`, EXIT.failure);
}

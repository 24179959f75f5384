import { errorMessage } from './errors.js';
import type { MlApi } from './mlApi.js';
import { distilledRunRow } from './runRows.js';
import { answerProblem, DistillAnswerSchema } from './schemas/answerSchemas.js';
import type {
  CallOptions,
  DistillMetrics,
  DistillRequest,
  DistillResponse,
  EpochEvent,
  RunRow,
} from './types.js';

/** REQ-004: the error variant has exactly the keys `status` and `error`. */
export type DistillResult =
  | { status: 'ok'; metrics: DistillMetrics; modelId: string; modelPath: string; distilledRun: RunRow }
  | { status: 'error'; error: string };

export interface DistillationOptions {
  request: DistillRequest;
  signal?: AbortSignal;
  /** Per-epoch progress of the student. */
  onEpoch?: (event: EpochEvent) => void;
  /** Id of the student's row when the backend did not store one. Default `crypto.randomUUID()`. */
  idGenerator?: () => string;
}

async function runDistillation(
  o: DistillationOptions,
  call: (req: DistillRequest, callOptions: CallOptions) => Promise<DistillResponse>,
): Promise<DistillResult> {
  const callOptions: CallOptions = {};
  if (o.signal) callOptions.signal = o.signal;
  if (o.onEpoch) callOptions.onEpoch = o.onEpoch;
  let response: DistillResponse;
  try {
    response = await call(o.request, callOptions);
  } catch (err) {
    return { status: 'error', error: errorMessage(err) };
  }
  const malformed = answerProblem(DistillAnswerSchema, response, 'distillation');
  if (malformed) return { status: 'error', error: malformed };
  const id = response.runId ?? (o.idGenerator ?? (() => globalThis.crypto.randomUUID()))();
  return {
    status: 'ok',
    metrics: response.metrics,
    modelId: response.modelId,
    modelPath: response.modelPath,
    distilledRun: distilledRunRow(response, id),
  };
}

/**
 * REQ-004: distils a saved PyTorch teacher into a smaller student; a downstream failure (a rejected
 * call or a malformed answer) comes back as `{ status: 'error', error }` and nothing else.
 *
 * @example const result = await runPytorchDistillation({ api, request });
 * if (result.status === 'ok') show(result.metrics.compression_ratio);
 */
export function runPytorchDistillation(
  o: DistillationOptions & { api: Pick<MlApi, 'distillPytorch'> },
): Promise<DistillResult> {
  return runDistillation(o, (req, callOptions) => o.api.distillPytorch(req, callOptions));
}

/** REQ-004: as runPytorchDistillation for a TensorFlow teacher. */
export function runTensorflowDistillation(
  o: DistillationOptions & { api: Pick<MlApi, 'distillTensorflow'> },
): Promise<DistillResult> {
  return runDistillation(o, (req, callOptions) => o.api.distillTensorflow(req, callOptions));
}

/**
 * The snake_case wire format the python trainer speaks, converted in this one place (STYLE.md §10).
 * A request is one JSON header line followed by a binary frame: the float32 arrays named in
 * `arrays`, concatenated little-endian in that order (`nbytes` long), so big datasets never
 * travel as JSON text. Answers are JSON lines; the one array that may come back (a train job's
 * opt-in test outputs) is little-endian float32 in base64, bit-exact without a binary reply frame.
 */
import type { EpochEvent, MetricName } from '@trainyard/core';
import type {
  EarlyStopping,
  EngineDistillResult,
  EngineTrainResult,
  EpochCheckpoint,
  ModelParams,
  PreparedData,
} from '../engine.js';
import { type DenseWeights, type RawLayers, rawLayers } from '../models/rawLayers.js';

export interface WireParams {
  epochs: number;
  batch_size: number;
  learning_rate: number;
  hidden_dim: number;
  num_hidden_layers: number;
  dropout: number;
  seed: number;
}

interface WireBase {
  id: string;
  task: PreparedData['task'];
  n_features: number;
  n_classes: number;
  model_dir: string;
  arrays: Array<[name: string, shape: number[]]>;
  nbytes: number;
  /** The raw-in/raw-out layers (models/rawLayers.ts) the trainer wraps around every saved model. */
  raw_layers: WireRawLayers;
}

interface WireDense {
  in_dim: number;
  out_dim: number;
  /** Row-major [in_dim, out_dim]: torch's Linear.weight is its transpose. */
  kernel: number[];
  bias: number[];
}

export interface WireRawLayers {
  expand: WireDense;
  standardise: WireDense;
  target_units?: WireDense;
}

export function toWireRawLayers(layers: RawLayers): WireRawLayers {
  const dense = (d: DenseWeights): WireDense => ({
    in_dim: d.inDim,
    out_dim: d.outDim,
    kernel: Array.from(d.kernel),
    bias: Array.from(d.bias),
  });
  return {
    expand: dense(layers.expand),
    standardise: dense(layers.standardise),
    ...(layers.targetUnits ? { target_units: dense(layers.targetUnits) } : {}),
  };
}

export type WireRequest =
  | (WireBase & {
      kind: 'train';
      params: WireParams;
      return_test_outputs?: true;
      early_stopping?: { patience: number; min_delta: number };
      checkpoints?: Array<{ epochs: number; model_dir: string }>;
      /** Wait for the engine's ack after each epoch's events (the run can be pruned). */
      ack_epochs?: true;
    })
  | (WireBase & {
      kind: 'train_group';
      members: WireGroupMember[];
      return_test_outputs?: true;
      early_stopping?: { patience: number; min_delta: number };
      /** The JSON file ({stop, prune}: member indexes) the trainer reads when it receives SIGUSR1. */
      control_path: string;
      ack_epochs?: true;
    })
  | (WireBase & {
      kind: 'distill';
      student: WireParams;
      teacher_path: string;
      temperature: number;
      alpha: number;
      compare_scratch: boolean;
    });

interface WireGroupMember {
  params: WireParams;
  model_dir: string;
  checkpoints?: Array<{ epochs: number; model_dir: string }>;
}

/** What `send` carries: the header plus the arrays that make up its frame. */
export interface TrainerRequest {
  header: WireRequest;
  frame: Float32Array[];
}

export type TrainKind =
  | {
      kind: 'train';
      params: ModelParams;
      returnTestOutputs?: boolean;
      earlyStopping?: EarlyStopping;
      checkpoints?: EpochCheckpoint[];
      ackEpochs?: boolean;
    }
  | {
      kind: 'train_group';
      members: Array<{ params: ModelParams; modelDir: string; checkpoints?: EpochCheckpoint[] }>;
      returnTestOutputs?: boolean;
      earlyStopping?: EarlyStopping;
      controlPath: string;
      ackEpochs?: boolean;
    }
  | {
      kind: 'distill';
      student: ModelParams;
      teacherPath: string;
      temperature: number;
      alpha: number;
      compareScratch: boolean;
    };

export function toWireParams(p: ModelParams): WireParams {
  return {
    epochs: p.epochs,
    batch_size: p.batchSize,
    learning_rate: p.learningRate,
    hidden_dim: p.hiddenDim,
    num_hidden_layers: p.numHiddenLayers,
    dropout: p.dropout,
    seed: p.seed,
  };
}

/**
 * Builds the request for one job; the arrays are referenced, not copied. Validation rows travel
 * (as `x_val`, `y_val`) only when there are some, so a two-way split's request is unchanged.
 */
export function toTrainerRequest(
  id: string,
  data: PreparedData,
  modelDir: string,
  job: TrainKind,
): TrainerRequest {
  const named: Array<[name: string, shape: number[], array: Float32Array]> = [
    ['x_train', [data.nTrain, data.nFeatures], data.xTrain],
    ['y_train', [data.nTrain], data.yTrain],
    ['x_test', [data.nTest, data.nFeatures], data.xTest],
    ['y_test', [data.nTest], data.yTest],
  ];
  if (data.nVal > 0)
    named.push(['x_val', [data.nVal, data.nFeatures], data.xVal], ['y_val', [data.nVal], data.yVal]);
  const frame = named.map(([, , array]) => array);
  const base: WireBase = {
    id,
    task: data.task,
    n_features: data.nFeatures,
    n_classes: data.nClasses,
    model_dir: modelDir,
    arrays: named.map(([name, shape]) => [name, shape]),
    nbytes: frame.reduce((sum, a) => sum + a.byteLength, 0),
    raw_layers: toWireRawLayers(rawLayers(data.preprocessing)),
  };
  return { header: wireHeader(base, job), frame };
}

const wireEarlyStopping = (e: EarlyStopping | undefined) =>
  e ? { early_stopping: { patience: e.patience, min_delta: e.minDelta } } : {};

const wireCheckpoints = (checkpoints: EpochCheckpoint[] | undefined) =>
  checkpoints ? { checkpoints: checkpoints.map((c) => ({ epochs: c.epochs, model_dir: c.modelDir })) } : {};

function wireHeader(base: WireBase, job: TrainKind): WireRequest {
  switch (job.kind) {
    case 'train':
      return {
        ...base,
        kind: 'train',
        params: toWireParams(job.params),
        ...(job.returnTestOutputs ? { return_test_outputs: true as const } : {}),
        ...wireEarlyStopping(job.earlyStopping),
        ...wireCheckpoints(job.checkpoints),
        ...(job.ackEpochs ? { ack_epochs: true as const } : {}),
      };
    case 'train_group':
      return {
        ...base,
        kind: 'train_group',
        members: job.members.map((m) => ({
          params: toWireParams(m.params),
          model_dir: m.modelDir,
          ...wireCheckpoints(m.checkpoints),
        })),
        ...(job.returnTestOutputs ? { return_test_outputs: true as const } : {}),
        ...wireEarlyStopping(job.earlyStopping),
        control_path: job.controlPath,
        ...(job.ackEpochs ? { ack_epochs: true as const } : {}),
      };
    case 'distill':
      return {
        ...base,
        kind: 'distill',
        student: toWireParams(job.student),
        teacher_path: job.teacherPath,
        temperature: job.temperature,
        alpha: job.alpha,
        compare_scratch: job.compareScratch,
      };
  }
}

/** stdin chunks for one request: the header line, then each array's bytes (no copies). */
export function encodeTrainerRequest(request: TrainerRequest): Array<string | Uint8Array> {
  return [
    `${JSON.stringify(request.header)}\n`,
    ...request.frame.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength)),
  ];
}

export interface WireTrainResult {
  metric_name: MetricName;
  metric_score: number;
  train_loss: number;
  test_loss: number;
  val_score?: number;
  val_loss?: number;
  best_epoch: number;
  stopped_epoch: number;
  pruned?: boolean;
  history: EpochEvent[];
  parameter_count: number;
  duration_ms: number;
  files: string[];
  /** Base64 of little-endian float32, only when the request set return_test_outputs. */
  test_outputs?: string;
  checkpoints?: WireTrainResult[];
}

export function fromWireTrainResult(r: WireTrainResult): EngineTrainResult {
  return {
    metric_name: r.metric_name,
    metric_score: r.metric_score,
    train_loss: r.train_loss,
    test_loss: r.test_loss,
    ...(r.val_score === undefined ? {} : { val_score: r.val_score, val_loss: r.val_loss! }),
    best_epoch: r.best_epoch,
    stopped_epoch: r.stopped_epoch,
    ...(r.pruned ? { pruned: true } : {}),
    history: r.history,
    parameterCount: r.parameter_count,
    durationMs: r.duration_ms,
    files: r.files,
    ...(r.test_outputs === undefined ? {} : { testOutputs: float32FromBase64(r.test_outputs) }),
    ...(r.checkpoints === undefined ? {} : { checkpoints: r.checkpoints.map(fromWireTrainResult) }),
  };
}

/** Copies into a fresh buffer: Node's base64 Buffer may sit at an offset a Float32Array cannot view. */
function float32FromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) throw new Error(`test_outputs is ${bytes.length} bytes, not whole float32s`);
  const out = new Float32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** A fused group's answer: per member, in order, its result or its own error. */
export interface WireGroupResult {
  outcomes: Array<{ ok: true; result: WireTrainResult } | { ok: false; code: string; message: string }>;
}

type WireDistillResult = Omit<EngineDistillResult, 'durationMs'> & { duration_ms: number };

export function fromWireDistillResult(r: WireDistillResult): EngineDistillResult {
  const { duration_ms, ...rest } = r;
  return { ...rest, durationMs: duration_ms };
}

/**
 * The requests the TensorFlow engine sends its worker threads (answers use WorkerMessage). Arrays
 * travel as transferred copies: PreparedData's own buffers are cached and shared, so they are copied
 * once (a memcpy) and the copy's buffers are moved, never serialised.
 */
import type {
  EngineDistillJob,
  EngineDistillResult,
  EngineGroupJob,
  EngineGroupMember,
  EngineTrainJob,
  EngineTrainResult,
  PreparedData,
} from '../engine.js';
import type { TfGroupOutcome } from './groupJob.js';
import type { TfBackendName } from './tfRuntime.js';

/** An engine job as it crosses to the thread: its plain fields (callbacks and signals stay behind). */
export type TfJobRequest =
  | ({ type: 'train'; id: string; ackEpochs?: true } & Omit<EngineTrainJob, 'onEpoch' | 'signal' | 'prune'>)
  | ({ type: 'distill'; id: string } & Omit<EngineDistillJob, 'onEpoch' | 'signal' | 'teacherParams'>)
  | TfGroupRequest;

/**
 * A fused group: its members' plain fields, and one Int32 per member in `stops` the engine sets to
 * MEMBER_PRUNE or MEMBER_CANCEL (the loop is synchronous, so it reads them between epochs). Member
 * k's epoch events come back with the id `memberEpochId(id, k)`.
 */
export type TfGroupRequest = {
  type: 'trainGroup';
  id: string;
  stops: SharedArrayBuffer;
  /** After each epoch's events, post `epochDone` and wait for the ack (a member can be pruned). */
  ackEpochs?: true;
} & Omit<EngineGroupJob, 'members' | 'signal'> & {
    members: Array<Pick<EngineGroupMember, 'params' | 'modelDir' | 'checkpoints'>>;
  };

export const MEMBER_PRUNE = 1;
export const MEMBER_CANCEL = 2;

export const memberEpochId = (id: string, member: number) => `${id}#${member}`;

/** What member k's stop flag asks for. */
export function memberStop(stops: Int32Array, member: number): 'cancel' | 'prune' | undefined {
  const flag = Atomics.load(stops, member);
  return flag === MEMBER_CANCEL ? 'cancel' : flag === MEMBER_PRUNE ? 'prune' : undefined;
}

/** Passed as `workerData` when the thread starts. */
export interface TfWorkerData {
  backend: TfBackendName;
  /**
   * ThreadWorker's stopBuffer: at STOP_FLAG the engine sets 1 to ask the request in flight to stop
   * after its current epoch (interrupt); at EPOCH_ACK it stores the acknowledged `epochDone` number.
   * The thread clears both when a request starts.
   */
  stopBuffer?: SharedArrayBuffer;
}

/** The `result` payload: the engine result plus the thread's live tensor count (leak watch). */
export interface TfJobAnswer<R extends EngineTrainResult | EngineDistillResult | TfGroupOutcome[]> {
  result: R;
  liveTensors: number;
}

/** The same data with private copies of its arrays, ready to be transferred. */
export function withOwnArrays(data: PreparedData): PreparedData {
  return {
    ...data,
    xTrain: data.xTrain.slice(),
    yTrain: data.yTrain.slice(),
    xVal: data.xVal.slice(),
    yVal: data.yVal.slice(),
    xTest: data.xTest.slice(),
    yTest: data.yTest.slice(),
  };
}

export function transferList(request: TfJobRequest): ArrayBuffer[] {
  const { xTrain, yTrain, xVal, yVal, xTest, yTest } = request.data;
  return [
    xTrain.buffer,
    yTrain.buffer,
    xVal.buffer,
    yVal.buffer,
    xTest.buffer,
    yTest.buffer,
  ] as ArrayBuffer[];
}

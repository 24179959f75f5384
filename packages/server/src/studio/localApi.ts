import type { LocalMlApi } from '@trainyard/trainers';

/**
 * What the studio uses of the trainers' local api (`createLocalMlApi`), by the trainers' own types:
 * the MlApi, the dataset registry, the model store, engine status and close. Unit tests hand in
 * one over the real registry and model store with a fake engine (testing/fakeLocalApi.ts).
 */
export type StudioLocalApi = Pick<
  LocalMlApi,
  | 'getDatasetManifest'
  | 'getDatasetRows'
  | 'trainPytorch'
  | 'trainTensorflow'
  | 'trainPytorchGroup'
  | 'trainTensorflowGroup'
  | 'distillPytorch'
  | 'distillTensorflow'
  | 'registry'
  | 'models'
  | 'status'
  | 'close'
>;

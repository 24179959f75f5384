/** Public exports of the TensorFlow.js engine. */

export { FUSED_GROUP_MAX, maxTensorflowGroupSize } from './fusedGroupSize.js';
export { MODEL_JSON, WEIGHTS_BIN } from './modelFileNames.js';
// loadLayersModelFromDir (./modelFiles.js) is not re-exported: it loads tfjs, which only workers need.
export {
  createTensorflowEngine,
  type TensorflowEngine,
  type TensorflowEngineOptions,
} from './tensorflowEngine.js';

/** Public exports of the TensorFlow.js engine. */

export { loadLayersModelFromDir, MODEL_JSON, WEIGHTS_BIN } from './modelFiles.js';
export {
  createTensorflowEngine,
  type TensorflowEngine,
  type TensorflowEngineOptions,
} from './tensorflowEngine.js';

/** The PyTorch engine: warm python processes running packages/trainers/python/trainer.py. */

export {
  DEFAULT_FUSED_GROUP_SIZE,
  FUSED_COMPUTE_BOUND_MACS,
  fusedGroups,
  maxFusedGroupSize,
} from './fusedGroupSize.js';
export { probePython, unavailableMessage } from './probePython.js';
export {
  createPytorchEngine,
  PYTORCH_MODEL_FILE,
  type PytorchEngine,
  type PytorchEngineOptions,
} from './pytorchEngine.js';
export { DEFAULT_PYTHON, TRAINER_SCRIPT } from './trainerScript.js';

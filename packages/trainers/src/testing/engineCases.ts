/** Test helper: both real engines, one slot (one torch thread), for `describe.each` over engines. */
import type { Engine } from '../engine.js';
import { createPytorchEngine } from '../pytorch/pytorchEngine.js';
import { createTensorflowEngine } from '../tensorflow/tensorflowEngine.js';

export const ONE_SLOT_ENGINES: Array<{ name: string; create(): Engine }> = [
  { name: 'PyTorch', create: () => createPytorchEngine({ slots: 1, threadsPerSlot: 1 }) },
  { name: 'TensorFlow', create: () => createTensorflowEngine({ slots: 1 }) },
];

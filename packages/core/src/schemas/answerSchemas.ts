import { z } from 'zod';
import { firstSchemaError } from './firstSchemaError.js';

/**
 * What the orchestrators read of a backend's answer. A backend (an HTTP server of another
 * version, a plugin) may answer with fields missing: the orchestrators turn that into a failed
 * row or `{ status: 'error' }` (REQ-004) instead of a TypeError.
 */
const finite = z.number().refine(Number.isFinite, 'not a finite number');

export const TrainAnswerSchema = z.object({
  metric_name: z.string(),
  metric_score: finite,
  train_loss: finite,
  test_loss: finite,
  modelId: z.string(),
  modelPath: z.string(),
  runId: z.string().optional(),
});

/**
 * One member's outcome of a group training (MlApi.trainPytorchGroup): `{ response }` (then read with
 * TrainAnswerSchema) or `{ error, code? }`. Anything else fails that member's row only.
 */
export const GroupOutcomeAnswerSchema = z.union([
  z.object({ response: z.object({}).loose() }),
  z.object({ error: z.string(), code: z.string().optional() }),
]);

export const DistillAnswerSchema = z.object({
  framework: z.enum(['pytorch', 'tensorflow']),
  datasetId: z.string(),
  metrics: z.object({
    metric_name: z.string(),
    student_score: finite,
    train_loss: finite,
    test_loss: finite,
  }),
  modelId: z.string(),
  modelPath: z.string(),
  student: z.object({
    epochs: finite,
    batchSize: finite,
    learningRate: finite,
    testSize: finite,
    hiddenDim: finite,
    numHiddenLayers: finite,
    dropout: finite,
  }),
  runId: z.string().optional(),
});

/**
 * A user-safe sentence naming the first missing or wrong field of `answer`, or undefined when it
 * has every field `schema` asks for.
 *
 * @example answerProblem(TrainAnswerSchema, {}, 'training') // 'The backend's training answer is malformed: metric_name …'
 */
export function answerProblem(schema: z.ZodType, answer: unknown, what: string): string | undefined {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return undefined;
  const { field, message } = firstSchemaError(parsed.error);
  return `The backend's ${what} answer is malformed: ${field ? `${field}: ` : ''}${message}`;
}

import {
  type DistillRequest,
  DistillRequestSchema,
  firstSchemaError,
  type ModelSummary,
  parsePlainDecimal,
} from '@trainyard/core';

/** Distillation flags as typed; the training ones default to the teacher's own values. */
export interface DistillFlagValues {
  teacher?: string;
  hiddenDims?: string;
  hiddenLayers?: string;
  temperature?: string;
  alpha?: string;
  epochs?: string;
  batchSize?: string;
  learningRate?: string;
  dropout?: string;
  seed?: string;
  compareScratch?: boolean;
}

export const DISTILL_DEFAULTS = {
  hiddenDims: '16',
  hiddenLayers: '1',
  temperature: '4',
  alpha: '0.7',
} as const;

/** DistillRequest key → flag, so errors name what the user typed. */
const FLAGS = {
  teacherModelId: 'teacher',
  hiddenDim: 'hiddenDims',
  numHiddenLayers: 'hiddenLayers',
  temperature: 'temperature',
  alpha: 'alpha',
  epochs: 'epochs',
  batchSize: 'batchSize',
  learningRate: 'learningRate',
  dropout: 'dropout',
  seed: 'seed',
} as const satisfies Partial<Record<keyof DistillRequest, keyof DistillFlagValues>>;

const TEACHER_DEFAULTED = ['epochs', 'batchSize', 'learningRate'] as const;

export type DistillFlagsResult =
  | { ok: true; build: (teacher: Pick<ModelSummary, 'params'>) => DistillRequest }
  | { ok: false; error: string };

/**
 * Checks distillation flags with core's DistillRequestSchema (the server's own check) before
 * anything runs; epochs, batch size and learning rate not given are taken from the teacher.
 * @example parseDistillFlags({ teacher: 'm1', alpha: '2' }) // → { ok: false, error: '--alpha: Alpha out of range (0-1): 2' }
 */
export function parseDistillFlags(flags: DistillFlagValues): DistillFlagsResult {
  const given: Record<string, unknown> = {};
  const withDefaults = { ...DISTILL_DEFAULTS, ...definedOnly(flags) } as DistillFlagValues;
  for (const [key, flag] of Object.entries(FLAGS)) {
    const text = withDefaults[flag];
    if (typeof text !== 'string') continue;
    given[key] = key === 'teacherModelId' ? text.trim() : (parsePlainDecimal(text) ?? text);
  }
  if (flags.compareScratch) given.compareScratch = true;
  // Valid placeholders stand in for the teacher's values until the teacher is known.
  const placeholders = { epochs: 1, batchSize: 1, learningRate: 0.01 };
  const parsed = DistillRequestSchema.safeParse({ ...placeholders, ...given });
  if (!parsed.success) {
    const { field, message } = firstSchemaError(parsed.error);
    const flag = field && field in FLAGS ? kebab(FLAGS[field as keyof typeof FLAGS]) : undefined;
    return { ok: false, error: flag ? `--${flag}: ${message}` : message };
  }
  const checked = parsed.data;
  return {
    ok: true,
    build(teacher) {
      const request: DistillRequest = { ...checked };
      for (const key of TEACHER_DEFAULTED) if (given[key] === undefined) request[key] = teacher.params[key];
      return request;
    },
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

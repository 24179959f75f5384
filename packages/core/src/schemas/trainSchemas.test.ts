import { describe, expect, it } from 'vitest';
import { combination } from '../testFixtures.js';
import { validateEpochValues } from '../validators.js';
import { firstSchemaError } from './firstSchemaError.js';
import { DistillRequestSchema, TensorflowTrainRequestSchema, TrainRequestSchema } from './trainSchemas.js';

const body = { datasetId: 'iris', ...combination(10) };

const errorOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? null : firstSchemaError(result.error as never);

describe('TrainRequestSchema', () => {
  it('accepts a valid body and drops unknown keys', () => {
    expect(TrainRequestSchema.parse({ ...body, seed: 3, junk: true })).toEqual({ ...body, seed: 3 });
  });

  it('fails epochs 0 with the validator message at the field', () => {
    expect(errorOf(TrainRequestSchema.safeParse({ ...body, epochs: 0 }))).toEqual({
      field: 'epochs',
      message: 'Epoch out of range (1-500): 0',
    });
    expect((validateEpochValues('0') as { error: string }).error).toBe('Epoch out of range (1-500): 0');
  });

  it.each([
    ['batchSize', 201, 'Batch size out of range (1-200): 201'],
    ['learningRate', 0, 'Learning rate out of range (above 0 up to 1): 0'],
    ['testSize', 1, 'Test size out of range (exclusive 0-1): 1'],
    ['hiddenDim', 7, 'Hidden dim out of range (8-500): 7'],
    ['numHiddenLayers', 2.5, 'Hidden layers must be a whole number: 2.5'],
    ['dropout', 0.95, 'Dropout out of range (0-0.9): 0.95'],
    ['epochs', '10', 'Epoch is not a number: "10"'],
    ['epochs', undefined, 'Epoch is required'],
    ['seed', -1, 'Seed out of range (0-4294967295): -1'],
    ['validationSize', 1, 'Validation size out of range (from 0, below 1): 1'],
    ['validationSize', -0.1, 'Validation size out of range (from 0, below 1): -0.1'],
    ['patience', 0, 'Patience out of range (1-500): 0'],
    ['patience', 2.5, 'Patience must be a whole number: 2.5'],
    ['minDelta', -0.01, 'Min delta out of range (0-1): -0.01'],
    ['folds', 1, 'Folds out of range (2-10): 1'],
    ['folds', 11, 'Folds out of range (2-10): 11'],
    ['folds', 2.5, 'Folds must be a whole number: 2.5'],
    ['folds', '5', 'Folds is not a number: "5"'],
  ])('rejects %s = %j with a message naming field and value', (field, value, message) => {
    expect(errorOf(TrainRequestSchema.safeParse({ ...body, [field]: value }))).toEqual({ field, message });
  });

  it('accepts the model-selection fields, and a body without them stays as it was', () => {
    const selection = { validationSize: 0.2, patience: 5, minDelta: 0.01 };
    expect(TrainRequestSchema.parse({ ...body, ...selection })).toEqual({ ...body, ...selection });
    expect(TensorflowTrainRequestSchema.parse({ ...body, ...selection })).toMatchObject(selection);
    expect(TrainRequestSchema.parse({ ...body, validationSize: 0 })).toEqual({ ...body, validationSize: 0 });
  });

  it.each([[{ patience: 3 }], [{ patience: 3, validationSize: 0 }]])(
    'rejects early stopping without a validation split (%j)',
    (selection) => {
      const expected = {
        field: 'patience',
        message: 'Patience needs a validation split (validationSize above 0) or folds: 3',
      };
      expect(errorOf(TrainRequestSchema.safeParse({ ...body, ...selection }))).toEqual(expected);
      expect(errorOf(TensorflowTrainRequestSchema.safeParse({ ...body, ...selection }))).toEqual(expected);
    },
  );

  it('accepts folds alone or with patience (early stopping per fold)', () => {
    expect(TrainRequestSchema.parse({ ...body, folds: 5 })).toEqual({ ...body, folds: 5 });
    const perFold = { folds: 3, patience: 2, minDelta: 0.01, validationSize: 0 };
    expect(TensorflowTrainRequestSchema.parse({ ...body, ...perFold })).toMatchObject(perFold);
  });

  it.each([
    [
      { folds: 5, validationSize: 0.2 },
      'validationSize',
      'Validation size must be 0 with folds 5 (the folds replace the validation split): 0.2',
    ],
    [
      { folds: 3, epochCheckpoints: [2, 5] },
      'epochCheckpoints',
      'Epoch checkpoints cannot be taken with folds 3: 2,5',
    ],
  ])('rejects folds with %j', (selection, field, message) => {
    expect(errorOf(TrainRequestSchema.safeParse({ ...body, ...selection }))).toEqual({ field, message });
    expect(errorOf(TensorflowTrainRequestSchema.safeParse({ ...body, ...selection }))).toEqual({
      field,
      message,
    });
  });

  it.each([
    [[2, 5, 5], 'Epoch checkpoints must increase and stay below epochs (10): 2,5,5'],
    [[10], 'Epoch checkpoints must increase and stay below epochs (10): 10'],
    [[5, 2], 'Epoch checkpoints must increase and stay below epochs (10): 5,2'],
    [[0], 'Epoch out of range (1-500): 0'],
    ['5', 'Epoch checkpoints must be a list of epoch counts: "5"'],
  ])('rejects epochCheckpoints %j', (epochCheckpoints, message) => {
    const error = errorOf(TrainRequestSchema.safeParse({ ...body, epochCheckpoints }));
    expect(error?.message).toBe(message);
    expect(error?.field).toMatch(/^epochCheckpoints/);
  });

  it('accepts increasing epoch checkpoints below epochs', () => {
    expect(TrainRequestSchema.parse({ ...body, epochCheckpoints: [2, 5] }).epochCheckpoints).toEqual([2, 5]);
  });

  it('rejects a dataset id that could name a path', () => {
    expect(errorOf(TrainRequestSchema.safeParse({ ...body, datasetId: '../../etc/passwd' }))).toEqual({
      field: 'datasetId',
      message: 'Dataset id must be 1-100 letters, digits, _ or -: "../../etc/passwd"',
    });
  });

  it('reports a body that is not an object without a field', () => {
    expect(errorOf(TrainRequestSchema.safeParse('nope'))?.field).toBeUndefined();
  });
});

describe('TensorflowTrainRequestSchema', () => {
  it("defaults mode to 'mlp' and rejects an unknown mode", () => {
    expect(TensorflowTrainRequestSchema.parse(body).mode).toBe('mlp');
    expect(errorOf(TensorflowTrainRequestSchema.safeParse({ ...body, mode: 'deep' }))).toEqual({
      field: 'mode',
      message: 'Mode must be mlp or linear: "deep"',
    });
  });
});

describe('DistillRequestSchema', () => {
  const distill = {
    teacherModelId: 'm-1',
    hiddenDim: 16,
    numHiddenLayers: 1,
    temperature: 4,
    alpha: 0.7,
    epochs: 20,
    batchSize: 32,
    learningRate: 0.01,
  };

  it('accepts a valid request', () => {
    expect(DistillRequestSchema.parse({ ...distill, compareScratch: true })).toEqual({
      ...distill,
      compareScratch: true,
    });
  });

  it.each([
    ['temperature', 0, 'Temperature out of range (above 0 up to 100): 0'],
    ['alpha', 1.5, 'Alpha out of range (0-1): 1.5'],
    ['teacherModelId', 'a/b', 'Model id must be 1-100 letters, digits, _ or -: "a/b"'],
    ['hiddenDim', 4, 'Hidden dim out of range (8-500): 4'],
  ])('rejects %s = %j', (field, value, message) => {
    expect(errorOf(DistillRequestSchema.safeParse({ ...distill, [field]: value }))).toEqual({
      field,
      message,
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { ModelParams } from '../engine.js';
import { prepareData } from '../preprocessing/prepareData.js';
import { blobs, blobsTable } from './testData.js';
import { encodeTrainerRequest, fromWireTrainResult, toTrainerRequest } from './wire.js';

const params: ModelParams = {
  epochs: 3,
  batchSize: 8,
  learningRate: 0.01,
  hiddenDim: 8,
  numHiddenLayers: 1,
  dropout: 0.2,
  seed: 5,
};

describe('PyTorch wire format', () => {
  it('sends snake_case params and the arrays as one float32 frame after the header line', () => {
    const data = blobs(40, 3, 2);
    const request = toTrainerRequest('r1', data, '/tmp/m', { kind: 'train', params });
    const [header, ...frame] = encodeTrainerRequest(request);
    const parsed = JSON.parse(String(header));
    expect(String(header).endsWith('\n')).toBe(true);
    expect(parsed).toMatchObject({
      id: 'r1',
      kind: 'train',
      task: 'classification',
      n_features: 3,
      n_classes: 2,
      model_dir: '/tmp/m',
      params: {
        epochs: 3,
        batch_size: 8,
        learning_rate: 0.01,
        hidden_dim: 8,
        num_hidden_layers: 1,
        dropout: 0.2,
      },
      arrays: [
        ['x_train', [data.nTrain, 3]],
        ['y_train', [data.nTrain]],
        ['x_test', [data.nTest, 3]],
        ['y_test', [data.nTest]],
      ],
    });
    const bytes = Buffer.concat(frame.map((c) => c as Uint8Array));
    expect(bytes.length).toBe(parsed.nbytes);
    expect(bytes.length).toBe((data.nTrain + data.nTest) * 4 * 4);
    expect(bytes.readFloatLE(0)).toBe(data.xTrain[0]);
    expect(bytes.readFloatLE(bytes.length - 4)).toBe(data.yTest.at(-1));
  });

  it('sends a fused group as its members, each with its own directory and checkpoints, and the control file', () => {
    const data = blobs(40, 3, 2);
    const request = toTrainerRequest('g1', data, '/tmp/a', {
      kind: 'train_group',
      members: [
        { params, modelDir: '/tmp/a', checkpoints: [{ epochs: 2, modelDir: '/tmp/a2' }] },
        { params: { ...params, hiddenDim: 16 }, modelDir: '/tmp/b' },
      ],
      earlyStopping: { patience: 2, minDelta: 0.01 },
      controlPath: '/tmp/controls.json',
    });
    const parsed = JSON.parse(String(encodeTrainerRequest(request)[0]));
    expect(parsed).toMatchObject({
      kind: 'train_group',
      control_path: '/tmp/controls.json',
      early_stopping: { patience: 2, min_delta: 0.01 },
      members: [
        {
          model_dir: '/tmp/a',
          params: { hidden_dim: 8 },
          checkpoints: [{ epochs: 2, model_dir: '/tmp/a2' }],
        },
        { model_dir: '/tmp/b', params: { hidden_dim: 16 } },
      ],
    });
    expect(parsed.members[1].checkpoints).toBeUndefined();
    expect(parsed.return_test_outputs).toBeUndefined();
  });

  it('asks for the test outputs only when the job does', () => {
    const data = blobs(40, 3, 2);
    const header = (returnTestOutputs?: boolean) =>
      JSON.parse(
        String(
          encodeTrainerRequest(
            toTrainerRequest('r1', data, '/tmp/m', { kind: 'train', params, returnTestOutputs }),
          )[0],
        ),
      );
    expect(header(true).return_test_outputs).toBe(true);
    expect(header(false)).not.toHaveProperty('return_test_outputs');
    expect(header()).not.toHaveProperty('return_test_outputs');
  });

  it('sends validation rows and early stopping only when the job has them', () => {
    const table = blobsTable(40, 3, 2);
    const withVal = prepareData(table, { testSize: 0.25, seed: 42, validationSize: 0.2 });
    const request = toTrainerRequest('r1', withVal, '/tmp/m', {
      kind: 'train',
      params,
      earlyStopping: { patience: 3, minDelta: 0.01 },
    });
    expect(request.header).toMatchObject({
      arrays: [
        ['x_train', [withVal.nTrain, 3]],
        ['y_train', [withVal.nTrain]],
        ['x_test', [withVal.nTest, 3]],
        ['y_test', [withVal.nTest]],
        ['x_val', [6, 3]],
        ['y_val', [6]],
      ],
      nbytes: (withVal.nTrain + withVal.nTest + 6) * 4 * 4,
      early_stopping: { patience: 3, min_delta: 0.01 },
    });
    expect(request.frame.slice(4)).toEqual([withVal.xVal, withVal.yVal]);
    const plain = toTrainerRequest('r2', blobs(40, 3, 2), '/tmp/m', { kind: 'train', params }).header;
    expect(plain.arrays.map(([name]) => name)).toEqual(['x_train', 'y_train', 'x_test', 'y_test']);
    expect(plain).not.toHaveProperty('early_stopping');
  });

  it('decodes the base64 float32 test outputs bit for bit', () => {
    const outputs = Float32Array.of(0.1, -2.5, 3e-8, 123456.789);
    const result = fromWireTrainResult({
      metric_name: 'r2',
      metric_score: 0.7,
      train_loss: 0.5,
      test_loss: 0.6,
      history: [],
      parameter_count: 10,
      best_epoch: 1,
      stopped_epoch: 1,
      duration_ms: 12,
      files: ['model.pt'],
      test_outputs: Buffer.from(outputs.buffer).toString('base64'),
    });
    expect(result.testOutputs).toEqual(outputs);
  });

  it('converts the trainer result to the engine result', () => {
    const history = [{ epoch: 1, epochs: 1, train_loss: 0.5, test_loss: 0.6 }];
    expect(
      fromWireTrainResult({
        metric_name: 'r2',
        metric_score: 0.7,
        train_loss: 0.5,
        test_loss: 0.6,
        history,
        val_score: 0.8,
        val_loss: 0.4,
        best_epoch: 1,
        stopped_epoch: 1,
        parameter_count: 10,
        duration_ms: 12,
        files: ['model.pt'],
      }),
    ).toEqual({
      metric_name: 'r2',
      metric_score: 0.7,
      train_loss: 0.5,
      test_loss: 0.6,
      val_score: 0.8,
      val_loss: 0.4,
      best_epoch: 1,
      stopped_epoch: 1,
      history,
      parameterCount: 10,
      durationMs: 12,
      files: ['model.pt'],
    });
  });
});

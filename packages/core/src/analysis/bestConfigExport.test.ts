import { describe, expect, it } from 'vitest';
import { SweepRequestSchema } from '../schemas/sweepRequestSchema.js';
import { buildSweepGrid } from '../sweepGrid.js';
import { storedRun } from '../testFixtures.js';
import { bestConfigExport } from './bestConfigExport.js';

const runs = [
  storedRun({ id: 'a', learningRate: 0.01, metric_score: 0.95, val_score: 0.9 }),
  storedRun({ id: 'b', learningRate: 0.0001, hiddenDim: 128, seed: 7, metric_score: 0.9, val_score: 0.97 }),
  storedRun({ id: 'c', result: 'failed', metric_score: 'n/a' }),
];

describe('bestConfigExport', () => {
  it('exports the best run by validation score as a combination, an API body and a CLI command', () => {
    const exported = bestConfigExport(runs, { validationSize: 0.25, patience: 5, minDelta: 0.001 });
    expect(exported).toMatchObject({ runId: 'b', metric: 'val_score', metricName: 'accuracy', score: 0.97 });
    expect(exported?.combination).toEqual({
      epochs: 10,
      batchSize: 16,
      learningRate: 0.0001,
      testSize: 0.2,
      hiddenDim: 128,
      numHiddenLayers: 2,
      dropout: 0.1,
    });
    expect(exported?.cliCommand).toBe(
      'npx trainyard sweep --framework pytorch --dataset iris --epochs 10 --batch-sizes 16 --learning-rates 0.0001 ' +
        '--test-sizes 0.2 --hidden-dims 128 --hidden-layers 2 --dropouts 0.1 --seed 7 --validation-size 0.25 ' +
        '--patience 5 --min-delta 0.001',
    );
  });

  it('gives an API body that POST /api/sweeps accepts and that trains exactly the best combination', () => {
    const exported = bestConfigExport(runs, { validationSize: 0.25, patience: 5 })!;
    const parsed = SweepRequestSchema.parse(exported.apiBody);
    expect(parsed).toMatchObject({ seed: 7, validationSize: 0.25, patience: 5 });
    const grid = buildSweepGrid(parsed);
    expect(grid.ok && grid.combinations).toEqual([exported.combination]);
  });

  it('says --validation-size 0 without a validation split, and --linear without the fixed layer flags', () => {
    const linear = storedRun({ id: 'l', framework: 'tensorflow', mode: 'linear', hiddenDim: 128 });
    const exported = bestConfigExport([linear])!;
    expect(exported.metric).toBe('metric_score');
    expect(exported.cliCommand).toBe(
      'npx trainyard sweep --linear --framework tensorflow --dataset iris --epochs 10 --batch-sizes 16 ' +
        '--learning-rates 0.01 --test-sizes 0.2 --seed 42 --validation-size 0',
    );
    expect(exported.apiBody).toMatchObject({ framework: 'tensorflow', mode: 'linear' });
    expect(exported.apiBody.validationSize).toBe(0);
  });

  it('is null when no run completed', () => {
    expect(bestConfigExport([runs[2]!])).toBeNull();
  });
});

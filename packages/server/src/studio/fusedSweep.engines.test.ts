import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Framework, StoredRun, SweepFields } from '@trainyard/core';
import { createLocalMlApi, type LocalMlApi } from '@trainyard/trainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from './createStudio.js';

// Real engines (PyTorch through /usr/bin/python3, TF.js wasm) on iris, few epochs: a fused sweep and
// a sweep sharing epoch prefixes store the same rows as the same sweep trained one model at a time.
let home: string;
let local: LocalMlApi;
let studio: Studio;
const groupCalls: Record<Framework, number> = { pytorch: 0, tensorflow: 0 };

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'trainyard-fused-engines-'));
  local = createLocalMlApi({ home, pytorchSlots: 1, tensorflowSlots: 1 });
  // The real local api, counting its group trainings so the test knows the sweep fused.
  const api = {
    ...local,
    trainPytorchGroup: (...args: Parameters<NonNullable<LocalMlApi['trainPytorchGroup']>>) => {
      groupCalls.pytorch++;
      return local.trainPytorchGroup!(...args);
    },
    trainTensorflowGroup: (...args: Parameters<NonNullable<LocalMlApi['trainTensorflowGroup']>>) => {
      groupCalls.tensorflow++;
      return local.trainTensorflowGroup!(...args);
    },
  };
  studio = await createStudio({ home, api, concurrency: 1, queue: null, onError: () => {} });
});
afterAll(async () => {
  await studio?.close();
  await local?.close();
  rmSync(home, { recursive: true, force: true });
});

const base = (framework: Framework, over: Partial<SweepFields>): SweepFields => ({
  framework,
  datasetId: 'iris',
  epochValues: '4',
  batchSizes: '16',
  learningRates: '0.01,0.05',
  testSizes: '0.2',
  hiddenDims: '8,16',
  numHiddenLayers: '1',
  dropouts: '0.1',
  validationSize: 0.2,
  concurrency: 1,
  ...over,
});

async function sweepRuns(fields: SweepFields): Promise<StoredRun[]> {
  const created = await studio.sweeps.create(fields);
  expect(await studio.sweeps.whenDone(created.id)).toMatchObject({ status: 'completed' });
  return studio.sweeps.runs(created.id);
}

/** The same rows, metric for metric within 1e-5, each with its own model. */
function expectSameRows(fused: StoredRun[], alone: StoredRun[]) {
  expect(fused.map((r) => [r.combinationIndex, r.result, r.epochs])).toEqual(
    alone.map((r) => [r.combinationIndex, 'completed', r.epochs]),
  );
  for (const [i, run] of fused.entries()) {
    const other = alone[i]!;
    for (const field of ['metric_score', 'train_loss', 'test_loss', 'val_score', 'val_loss'] as const) {
      expect(
        Math.abs(Number(run[field]) - Number(other[field])),
        `${field} of combination ${i}`,
      ).toBeLessThan(1e-5);
    }
    expect(run.best_epoch).toBe(other.best_epoch);
  }
  expect(new Set(fused.map((r) => r.modelId)).size).toBe(fused.length);
}

describe.each(['pytorch', 'tensorflow'] as const)('fused sweeps on real %s', (framework) => {
  it('a fused sweep (lr × hidden dims) stores the rows of the same sweep trained one model at a time', async () => {
    const before = groupCalls[framework];
    const fused = await sweepRuns(base(framework, {}));
    expect(groupCalls[framework]).toBe(before + 1);
    const alone = await sweepRuns(base(framework, { fused: false }));
    expect(groupCalls[framework]).toBe(before + 1);
    expectSameRows(fused, alone);
  });

  it('epochs 3,6 × two learning rates share prefixes and equal separate runs', async () => {
    const fields = base(framework, { epochValues: '3,6', hiddenDims: '8' });
    const shared = await sweepRuns(fields);
    const alone = await sweepRuns({ ...fields, fused: false });
    expect(shared.map((r) => r.epochs)).toEqual([3, 3, 6, 6]);
    expectSameRows(shared, alone);
  });

  // Issue 11: a pruned run stops at the rung that pruned it, not one epoch later.
  it.each([true, false])(
    'ASHA (grace 1, η 3, 9 epochs) prunes only at rungs 1 and 3 (fused %s)',
    async (fused) => {
      const runs = await sweepRuns(
        base(framework, {
          epochValues: '9',
          learningRates: '0.0003,0.001,0.003,0.01,0.03,0.1',
          hiddenDims: '8,16',
          pruner: 'asha',
          gracePeriod: 1,
          reductionFactor: 3,
          fused,
        }),
      );
      const pruned = runs.filter((r) => r.pruned);
      expect(pruned.length).toBeGreaterThan(0);
      expect(pruned.map((r) => r.stopped_epoch).filter((e) => e !== 1 && e !== 3)).toEqual([]);
      for (const r of runs) expect(r.history).toHaveLength(r.stopped_epoch!);
    },
  );
});

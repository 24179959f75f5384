// Search beyond the grid (issue 11), measured side by side in one run on the real engines and the
// real scheduler (core's orchestrator, the server's sweep pruning, Optuna's TPE through the sidecar).
// Needs `npm run build` first.
//
//   node bench/search.mjs                     # default sizes (a few minutes on 2 cores)
//   node bench/search.mjs --epochs 27           # ASHA's full ladder (rungs 1, 3, 9, 27), slower
//   node bench/search.mjs --epochs 3 --seeds 1 --selection-seeds 1   # a smoke run
//
// 1. A 36-combination grid over digits (4 learning rates × 3 hidden dims × 3 dropouts, `--epochs`
//    each, validationSize 0.2), trained in full; then ASHA (η = 3) over the same grid in a seeded
//    random order: its best validation score and the share of the grid's epochs it trained.
// 2. Random search with maxRuns = 25% of the grid and TPE with the same budget, median best over
//    `--seeds` search seeds. Training is deterministic (same seed, same metrics), so a suggestion's
//    score is read from the full grid's rows rather than trained again.
// 3. Shared epoch prefixes: epochs 10,20,50 × 4 other combinations, trained as 4 requests with
//    epochCheckpoints vs 12 separate requests, both engines, on wine (small, so it stays quick).
// 4. Honest selection over `--selection-seeds` seeds on iris and wine: the gap between the best run's
//    validation score and its test score when selecting on validation, next to the gap between the
//    best test score and that run's validation score when selecting on test (the optimism removed).
// 5. k-fold on iris (one combination, `--kfold-seeds` seeds): 5-fold's mean ± std per run, how much the
//    validation estimate moves from seed to seed with 5 folds vs a 0.2 validation split, and the time
//    of a 5-fold run (5 folds + refit) ÷ a single-split run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const core = await import('@trainyard/core');
const trainers = await import('@trainyard/trainers');
const { sweepPruning } = await import('../packages/server/dist/studio/sweepPruning.js');

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const EPOCHS = flag('epochs', 9);
const SEEDS = flag('seeds', 5);
const SELECTION_SEEDS = flag('selection-seeds', 20);
const KFOLD_SEEDS = flag('kfold-seeds', 10);

const home = mkdtempSync(join(tmpdir(), 'trainyard-search-bench-'));
const api = trainers.createLocalMlApi({ home, pytorchSlots: 2, tensorflowSlots: 2 });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pts = (x) => (100 * x).toFixed(1);

const gridFields = {
  framework: 'pytorch',
  datasetId: 'digits',
  epochValues: String(EPOCHS),
  batchSizes: '32',
  learningRates: '0.0003, 0.001, 0.003, 0.03',
  testSizes: '0.2',
  hiddenDims: '16, 64, 128',
  numHiddenLayers: '1',
  dropouts: '0, 0.2, 0.5',
  validationSize: 0.2,
};

/** Trains `combinations` through core's orchestrator (2 at a time), with optional hooks; returns rows. */
async function sweep(combinations, hooks = {}, selection = { validationSize: 0.2 }, datasetId = 'digits') {
  return core.runPytorchTraining({
    api,
    datasetId,
    combinations,
    selection,
    concurrency: 2,
    appendRow: () => {},
    onProgress: () => {},
    ...hooks,
  });
}

try {
  // 1. The full grid, then ASHA over it.
  const plan = core.validateSearchPlan(gridFields);
  if (!plan.ok) throw new Error(plan.error);
  const grid = core.spaceGrid(plan.plan.space);
  let t = performance.now();
  const gridRows = await sweep(grid);
  const gridMs = performance.now() - t;
  const gridBest = Math.max(...gridRows.map((r) => r.val_score));
  const gridEpochs = gridRows.reduce((n, r) => n + r.stopped_epoch, 0);
  const byKey = new Map(grid.map((c, i) => [core.combinationKey(c), gridRows[i]]));

  const ashaFields = { ...gridFields, pruner: 'asha', reductionFactor: 3 };
  const order = core.randomCombinations(
    { plan: { ...plan.plan, strategy: 'random', searchSeed: 42 } },
    grid.length,
  );
  const pruning = sweepPruning({ fields: ashaFields, combinations: order }, []);
  t = performance.now();
  const ashaRows = await sweep(order, pruning);
  const ashaMs = performance.now() - t;
  const ashaBest = Math.max(...ashaRows.filter((r) => !r.pruned).map((r) => r.val_score));
  const ashaEpochs = ashaRows.reduce((n, r) => n + r.stopped_epoch, 0);
  console.log(
    `Grid (${grid.length} combinations × ${EPOCHS} epochs, digits, PyTorch): best val ${pts(gridBest)}, ` +
      `${gridEpochs} epochs, ${(gridMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `ASHA (η=3, grace 1): best val ${pts(ashaBest)} (${pts(ashaBest - gridBest)} points vs grid), ` +
      `${ashaEpochs} epochs = ${((100 * ashaEpochs) / gridEpochs).toFixed(1)}% of the grid's, ` +
      `${ashaRows.filter((r) => r.pruned).length} of ${ashaRows.length} pruned, ${(ashaMs / 1000).toFixed(1)} s`,
  );

  // 2. Random and TPE with maxRuns = 25% of the grid, over SEEDS search seeds.
  const maxRuns = Math.round(grid.length / 4);
  const randomBests = [];
  const tpeBests = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const searchPlan = { ...plan.plan, strategy: 'random', searchSeed: seed };
    const picked = core.randomCombinations({ plan: searchPlan }, maxRuns);
    randomBests.push(Math.max(...picked.map((c) => byKey.get(core.combinationKey(c)).val_score)));
    const tpe = await trainers.createOptunaTpeSampler({ plan: searchPlan, maxRuns });
    let best = Number.NEGATIVE_INFINITY;
    try {
      for (let n = 0; n < maxRuns; n++) {
        const s = await tpe.ask();
        if (!s) break;
        const row = byKey.get(core.combinationKey(s.combination));
        best = Math.max(best, row.val_score);
        await tpe.tell(s.number, { state: 'completed', value: row.val_score, epoch: row.stopped_epoch });
      }
    } finally {
      await tpe.close();
    }
    tpeBests.push(best);
  }
  console.log(
    `Random, maxRuns ${maxRuns} (25%): median best val over ${SEEDS} seeds ${pts(median(randomBests))} ` +
      `(${pts(median(randomBests) - gridBest)} points vs grid; per seed ${randomBests.map(pts).join(', ')})`,
  );
  console.log(
    `TPE, maxRuns ${maxRuns}: median best val ${pts(median(tpeBests))} ` +
      `(${pts(median(tpeBests) - median(randomBests))} points vs random; per seed ${tpeBests.map(pts).join(', ')})`,
  );

  // 3. Shared epoch prefixes, both engines.
  const others = [
    { learningRate: 0.003, hiddenDim: 64 },
    { learningRate: 0.003, hiddenDim: 128 },
    { learningRate: 0.01, hiddenDim: 64 },
    { learningRate: 0.01, hiddenDim: 128 },
  ];
  const base = { datasetId: 'wine', batchSize: 32, testSize: 0.2, numHiddenLayers: 1, dropout: 0.1 };
  for (const framework of ['pytorch', 'tensorflow']) {
    const train = (req) => (framework === 'pytorch' ? api.trainPytorch(req) : api.trainTensorflow(req));
    await train({ ...base, ...others[0], epochs: 1 }); // warm the worker
    t = performance.now();
    await Promise.all(others.flatMap((o) => [10, 20, 50].map((epochs) => train({ ...base, ...o, epochs }))));
    const separateMs = performance.now() - t;
    t = performance.now();
    const shared = await Promise.all(
      others.map((o) => train({ ...base, ...o, epochs: 50, epochCheckpoints: [10, 20] })),
    );
    const sharedMs = performance.now() - t;
    const rows = shared.reduce((n, r) => n + 1 + (r.checkpoints?.length ?? 0), 0);
    console.log(
      `Shared prefixes (${framework}, epochs 10,20,50 × 4, ${rows} models): ` +
        `${(sharedMs / separateMs).toFixed(2)} × separate (${sharedMs.toFixed(0)} vs ${separateMs.toFixed(0)} ms; ideal 0.625)`,
    );
  }

  // 4. Honest selection: validation vs test as the selection split.
  const selectionGrid = core.spaceGrid(
    core.validateSearchPlan({
      ...gridFields,
      epochValues: '30',
      learningRates: '0.003, 0.03',
      hiddenDims: '16, 64',
      dropouts: '0, 0.3',
    }).plan.space,
  );
  for (const datasetId of ['iris', 'wine']) {
    const onVal = [];
    const onTest = [];
    for (let seed = 1; seed <= SELECTION_SEEDS; seed++) {
      const rows = await core.runPytorchTraining({
        api,
        datasetId,
        combinations: selectionGrid,
        selection: { validationSize: 0.2 },
        seed,
        concurrency: 2,
        appendRow: () => {},
        onProgress: () => {},
      });
      const byVal = rows.reduce((a, b) => (b.val_score > a.val_score ? b : a));
      const byTest = rows.reduce((a, b) => (b.metric_score > a.metric_score ? b : a));
      onVal.push(byVal.val_score - byVal.metric_score);
      onTest.push(byTest.metric_score - byTest.val_score);
    }
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `Honest selection (${datasetId}, ${selectionGrid.length} combinations × ${SELECTION_SEEDS} seeds): ` +
        `selecting on validation, best val − its test = ${pts(mean(onVal))} points; ` +
        `selecting on test, best test − its val = ${pts(mean(onTest))} points (optimism removed)`,
    );
  }

  // 5. k-fold cross-validation on iris: the spread of the validation estimate, and its cost.
  const kfoldRun = {
    datasetId: 'iris',
    epochs: 30,
    batchSize: 16,
    learningRate: 0.01,
    testSize: 0.2,
    hiddenDim: 32,
    numHiddenLayers: 1,
    dropout: 0,
  };
  await api.trainPytorch({ ...kfoldRun, epochs: 1 }); // warm the worker
  const holdout = [];
  const folded = [];
  let holdoutMs = 0;
  let foldedMs = 0;
  for (let seed = 1; seed <= KFOLD_SEEDS; seed++) {
    t = performance.now();
    holdout.push((await api.trainPytorch({ ...kfoldRun, seed, validationSize: 0.2 })).val_score);
    holdoutMs += performance.now() - t;
    t = performance.now();
    folded.push(await api.trainPytorch({ ...kfoldRun, seed, folds: 5 }));
    foldedMs += performance.now() - t;
  }
  const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = (xs) => Math.sqrt(avg(xs.map((x) => (x - avg(xs)) ** 2)));
  const foldScores = folded.map((r) => r.val_score);
  console.log(
    `k-fold (iris, 1 combination, ${KFOLD_SEEDS} seeds, PyTorch): 5-fold val ${pts(avg(foldScores))} ± ${pts(avg(folded.map((r) => r.val_score_std)))} ` +
      `(mean of the runs' fold std); seed-to-seed std of the estimate: 5-fold ${pts(sd(foldScores))} vs 0.2 split ${pts(sd(holdout))} points; ` +
      `time 5-fold ÷ split ${(foldedMs / holdoutMs).toFixed(2)} (6× the epochs: 5 folds + refit)`,
  );
} finally {
  await api.close();
  rmSync(home, { recursive: true, force: true });
}

import type { Command } from 'commander';
import {
  attachSweep,
  cancelSweep,
  resumeSweep,
  runSweep,
  type SweepOptions,
} from '../commands/sweepCommands.js';
import {
  extendSweep,
  listSweeps,
  removeSweep,
  renameSweep,
  rerunSweep,
  showSweep,
  tagSweep,
} from '../commands/sweepManageCommands.js';
import { reportSweep, type SweepReportOptions } from '../commands/sweepReportCommand.js';
import {
  CLI_VALIDATION_SIZE,
  givenLists,
  SWEEP_DEFAULTS,
  type SweepFlagValues,
} from '../sweep/sweepFlags.js';
import { globalsOf, type RunAction } from './buildProgram.js';

const SWEEP_HELP = `
Lists are comma separated ("10,20,50"); one model is trained per combination (Cartesian product).
Without --server the sweep runs in this process and is stored under --home; Ctrl-C cancels it
(resume later with \`trainyard sweep resume <id>\`). With --server it runs on that server:
Ctrl-C only detaches, and \`trainyard sweep attach <id> --server URL\` re-attaches.
Exit code 1 when the sweep does not complete or every run failed.

Search: --strategy random or tpe reads each list flag as a list or a range ("0.0001..0.1 log",
"16..256") and needs a budget (--max-runs and/or --max-minutes). A pruner (asha, median) stops
weak runs early on the validation score; early stopping (--patience) too.

Small datasets: --folds 5 scores each combination by 5-fold cross-validation on the non-test rows
(the run table shows the mean ± standard deviation), then refits it on all of them for the saved
model and the test score. With --patience each fold stops on its own and the refit trains the
folds' rounded mean best epoch. A pruner cannot be used with --folds.

Examples:
  trainyard sweep --framework pytorch --dataset iris --epochs 10,20 --batch-sizes 16,32
  trainyard sweep --framework pytorch --dataset digits --strategy random --max-runs 20 \
    --learning-rates "0.0001..0.1 log" --hidden-dims 16..256 --pruner asha`;

const SWEEP_REPORT_HELP = `
Runs are ranked by the validation score when every completed run has one, else by the test score
(the rule of the best-run marks everywhere); failed, running and pruned runs are left out.
Importance: on a full grid, exact functional ANOVA (each parameter's share of the variance of the
cell mean scores, the rest is interactions); otherwise (random/TPE, an unfinished grid) estimated
on the sampled runs as ε² per parameter with a seeded 95% bootstrap interval.

--json prints one object (fields may be added, never renamed):
  sweep       { id, name, status, total, done, datasetId, framework, mode?, strategy }
  metric      "val_score" | "metric_score", with metricName ("accuracy" | "r2") and metricLabel
  importance  { method: "exact" | "estimated", runs, mean, variance, excluded { failed, running,
                pruned, unscored }, parameters [{ parameter, share, interval?, levels [{ value,
                min, max, mean, count }] }], constant [{ parameter, value }], interactions,
                interactionsInterval?, bootstrap?, problem? }
  topRuns     [{ rank, runId, combinationIndex?, score, metric_score, val_score?, epochs, batchSize,
                learningRate, testSize, hiddenDim, numHiddenLayers, dropout }]
  best        { runId, metric, metricName, score, combination, apiBody, cliCommand } | null
  frameworks  { datasetId, metricName, pairs, meanDifference, pytorchWins, tensorflowWins, ties,
                agreement? { kind: "labels" | "r2", value, rows, pytorchRunId, tensorflowRunId,
                rowsScope } } | null

Examples:
  trainyard sweep report swp_abc123
  trainyard sweep report swp_abc123 --json | jq .best.cliCommand
  trainyard sweep report swp_abc123 --html report.html`;

export function registerSweep(program: Command, run: RunAction): void {
  const sweep = program
    .command('sweep')
    .description('train one model per combination of hyperparameters and compare them')
    .option('--framework <name>', 'pytorch or tensorflow')
    .option(
      '--linear',
      'tensorflow only: the linear baseline (hidden dims, layers and dropout are not swept)',
    )
    .option('--dataset <id>', 'dataset id (see trainyard datasets list)')
    .option('--epochs <list>', 'epochs, integers 1-500', SWEEP_DEFAULTS.epochs)
    .option('--batch-sizes <list>', 'batch sizes, integers 1-200', SWEEP_DEFAULTS.batchSizes)
    .option('--learning-rates <list>', 'learning rates, in (0, 1]', SWEEP_DEFAULTS.learningRates)
    .option('--test-sizes <list>', 'test split fractions, in (0, 1)', SWEEP_DEFAULTS.testSizes)
    .option('--hidden-dims <list>', 'hidden units per layer, integers 8-500', SWEEP_DEFAULTS.hiddenDims)
    .option('--hidden-layers <list>', 'hidden layers, integers 1-15', SWEEP_DEFAULTS.hiddenLayers)
    .option('--dropouts <list>', 'dropout rates, in [0, 0.9]', SWEEP_DEFAULTS.dropouts)
    .option('--seed <n>', 'seed for splits, initialisation and shuffling (default 42)')
    .option('--concurrency <n>', 'combinations trained at once (default: the number of cores)')
    .option(
      '--validation-size <x>',
      `share of the non-test rows held out to choose the best run, in [0, 1); 0 for none (default: ${CLI_VALIDATION_SIZE}, none with --folds)`,
    )
    .option(
      '--folds <k>',
      'k-fold cross-validation instead of a validation split, 2-10: each run scores the mean (± std) over k folds, then refits on all non-test rows',
    )
    .option('--patience <n>', 'early stopping: epochs without improvement of the validation score, 1-500')
    .option(
      '--min-delta <x>',
      'with --patience: smallest validation improvement that counts, 0-1 (default 0)',
    )
    .option('--strategy <name>', 'grid, random or tpe (default grid: every combination)')
    .option('--max-runs <n>', 'random and tpe: runs to train at most, 1-10000')
    .option('--max-minutes <x>', 'random and tpe: start no run after this many minutes')
    .option('--pruner <name>', 'none, asha or median: stop weak runs early (needs a validation split)')
    .option('--grace-period <n>', 'with a pruner: epochs before the first pruning decision (default 1)')
    .option('--reduction-factor <n>', 'with --pruner asha: keep the top 1/n at each rung, 2-10 (default 3)')
    .option('--keep-pruned-models', 'with a pruner: keep the models of pruned runs too (default: rows only)')
    .option(
      '--fused',
      'train combinations of one split, batch size and depth as one batched model, and combinations that differ only in epochs once (default: whenever the engine can)',
    )
    .option(
      '--no-fused',
      'train every combination on its own, one model at a time (for comparisons and debugging)',
    )
    .option('--search-seed <n>', 'random and tpe: seed of the suggestions (default: --seed)')
    .option('--json', 'print only the stored rows as a JSON array on stdout')
    .addHelpText('after', SWEEP_HELP)
    .action(async (opts: SweepOptions, cmd: Command) => {
      const globals = { ...globalsOf(cmd) };
      if (opts.concurrency !== undefined) globals.concurrency = opts.concurrency;
      await run(globals, (ctx) => runSweep(opts, ctx));
    });
  sweep
    .command('attach <id>')
    .description('follow a sweep running on a server (or show a finished one) and print its rows')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      // --json belongs to `sweep`: commander hands options to the parent unless positional.
      const json = Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);
      await run(globalsOf(cmd), (ctx) => attachSweep(id, { json }, ctx));
    });
  sweep
    .command('resume <id>')
    .description('train the combinations of a cancelled or interrupted sweep that have no completed row')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      // --json belongs to `sweep`: commander hands options to the parent unless positional.
      const json = Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);
      await run(globalsOf(cmd), (ctx) => resumeSweep(id, { json }, ctx));
    });
  sweep
    .command('cancel <id>')
    .description('stop a running sweep (on a server: --server URL); finished rows stay stored')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const json = Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);
      await run(globalsOf(cmd), (ctx) => cancelSweep(id, { json }, ctx));
    });
  // The parent's options (--json, --framework, --dataset, the lists) are read through it: commander
  // hands options to the parent unless positional.
  const parentOpts = (cmd: Command) => cmd.optsWithGlobals<SweepFlagValues & { json?: boolean }>();
  sweep
    .command('list')
    .description('list the sweeps, newest first (filter with --status, --framework, --dataset, --tag)')
    .option('--status <status>', 'running, completed, cancelled, interrupted or failed')
    .option('--tag <tag>', 'only sweeps with this tag')
    .action(async (opts: { status?: string; tag?: string }, cmd: Command) => {
      const o = parentOpts(cmd);
      const options = { ...opts, json: Boolean(o.json) } as Parameters<typeof listSweeps>[0];
      if (o.framework) options.framework = o.framework;
      if (o.dataset) options.dataset = o.dataset;
      await run(globalsOf(cmd), (ctx) => listSweeps(options, ctx));
    });
  sweep
    .command('show <id>')
    .description('show a sweep: name, status, counts, best score and its run table')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => showSweep(id, { json: Boolean(parentOpts(cmd).json) }, ctx));
    });
  sweep
    .command('report <id>')
    .description('analyse a sweep: parameter importance, top runs, the best configuration as a command')
    .option('--top <n>', 'how many of the best runs to list (default 10)')
    .option(
      '--html <file>',
      'also write a self-contained HTML report with the charts (no scripts, nothing fetched)',
    )
    .option(
      '--agreement',
      "with runs of the other engine: how often the best pair's predictions agree (predicts every dataset row)",
    )
    .addHelpText('after', SWEEP_REPORT_HELP)
    .action(async (id: string, opts: Omit<SweepReportOptions, 'json'>, cmd: Command) => {
      const options = { ...opts, json: Boolean(parentOpts(cmd).json) };
      await run(globalsOf(cmd), (ctx) => reportSweep(id, options, ctx));
    });
  sweep
    .command('rename <id> <name>')
    .description('name a sweep ("" restores the default name, like "iris · pytorch · 8 runs")')
    .action(async (id: string, name: string, _opts: unknown, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => renameSweep(id, name, { json: Boolean(parentOpts(cmd).json) }, ctx));
    });
  sweep
    .command('tag <id> [tags]')
    .description('set the tags of a sweep (comma separated; none clears them) and, with --notes, its notes')
    .option('--notes <text>', 'notes on the sweep ("" clears them)')
    .action(async (id: string, tags: string | undefined, opts: { notes?: string }, cmd: Command) => {
      const options = { ...opts, json: Boolean(parentOpts(cmd).json) };
      await run(globalsOf(cmd), (ctx) => tagSweep(id, tags, options, ctx));
    });
  sweep
    .command('rm <id>')
    .description('delete a sweep that is not running, with its runs (--models: and their models)')
    .option('--models', 'also delete the models its runs saved')
    .action(async (id: string, opts: { models?: boolean }, cmd: Command) => {
      const options = { ...opts, json: Boolean(parentOpts(cmd).json) };
      await run(globalsOf(cmd), (ctx) => removeSweep(id, options, ctx));
    });
  sweep
    .command('rerun <id>')
    .description('start a new sweep with the same grid and follow it')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await run(globalsOf(cmd), (ctx) => rerunSweep(id, { json: Boolean(parentOpts(cmd).json) }, ctx));
    });
  sweep
    .command('extend <id>')
    .description('add values to the lists (e.g. --batch-sizes 16,32,64) and train only the new combinations')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const parent = cmd.parent!;
      const lists = givenLists(parentOpts(cmd), (flag) => parent.getOptionValueSource(flag) === 'cli');
      await run(globalsOf(cmd), (ctx) =>
        extendSweep(id, lists, { json: Boolean(parentOpts(cmd).json) }, ctx),
      );
    });
}

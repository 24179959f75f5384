import { writeFile } from 'node:fs/promises';
import { type PredictRow, predictionAgreement } from '@trainyard/core';
import type { StudioClient } from '../client/studioClient.js';
import { type CommandContext, note, writeJson, writeLine } from '../commandContext.js';
import { CliError, EXIT, type ExitCode } from '../exitCodes.js';
import { formatSweepReport } from '../format/sweepReportText.js';
import { renderHtmlReport } from '../report/htmlReport.js';
import { buildSweepReport, type SweepReport } from '../report/sweepReport.js';
import { parseInteger } from '../sweep/sweepFlags.js';

export interface SweepReportOptions {
  json?: boolean;
  html?: string;
  top?: string;
  agreement?: boolean;
}

/** Most dataset rows `--agreement` predicts on (the rows API pages by 1,000). */
const AGREEMENT_MAX_ROWS = 10_000;

/**
 * `trainyard sweep report <id>`: parameter importance, the top runs by the selection metric, the
 * best configuration as a command and the framework comparison; `--json` prints SweepReport,
 * `--html FILE` also writes a self-contained HTML page with the charts.
 */
export async function reportSweep(
  id: string,
  options: SweepReportOptions,
  ctx: CommandContext,
): Promise<ExitCode> {
  const top = options.top === undefined ? 10 : parseInteger(options.top, 1, 10_000);
  if (top === undefined) throw new CliError(`--top must be a whole number from 1 to 10000: ${options.top}`);
  if (options.html !== undefined && options.html.trim() === '')
    throw new CliError('--html needs a file name');
  const client = await ctx.studio();
  const { sweep, runs } = await client.getSweep(id);
  const other = sweep.fields.framework === 'pytorch' ? 'tensorflow' : 'pytorch';
  const otherEngineRuns = await client.listRuns({ datasetId: sweep.fields.datasetId, framework: other });
  const report = buildSweepReport({ sweep, runs, top, otherEngineRuns });
  if (options.agreement) await addAgreement(report, client, ctx);
  if (options.html !== undefined) {
    const html = await renderHtmlReport(report, runs);
    await writeFile(options.html, html);
    note(ctx, `Wrote ${options.html} (${Math.ceil(Buffer.byteLength(html) / 1024)} KB, self-contained)`);
  }
  if (options.json) writeJson(ctx, report);
  else writeLine(ctx, formatSweepReport(report, ctx.colors));
  return EXIT.ok;
}

/**
 * How the predictions of the pair holding the sweep's best run (else the first pair) agree on the
 * dataset's rows, train and test alike: the test rows alone are the engines' own seeded split,
 * which the studio does not expose over its API.
 */
async function addAgreement(report: SweepReport, client: StudioClient, ctx: CommandContext): Promise<void> {
  const fw = report.frameworks;
  const saved = fw?.pairs.filter((p) => p.pytorch.modelId && p.tensorflow.modelId) ?? [];
  const best = report.best?.runId;
  const pair = saved.find((p) => p.pytorch.runId === best || p.tensorflow.runId === best) ?? saved[0];
  if (!fw || !pair) {
    note(ctx, 'No framework pair with both models saved: no prediction agreement');
    return;
  }
  const dataset = await client.getDataset(fw.datasetId);
  const rows: PredictRow[] = [];
  for (let offset = 0; offset < Math.min(dataset.rows, AGREEMENT_MAX_ROWS); offset += 1000) {
    const page = await client.getDatasetRows(fw.datasetId, { offset, limit: 1000 });
    for (const values of page.rows) {
      const row: Record<string, string | number | null> = {};
      page.columns.forEach((column, i) => {
        if (dataset.featureColumns.includes(column)) row[column] = values[i] ?? null;
      });
      rows.push(row);
    }
  }
  const [a, b] = await Promise.all([
    client.predict(pair.pytorch.modelId!, rows),
    client.predict(pair.tensorflow.modelId!, rows),
  ]);
  fw.agreement = {
    ...predictionAgreement(a.predictions, b.predictions, dataset.task),
    pytorchRunId: pair.pytorch.runId,
    tensorflowRunId: pair.tensorflow.runId,
    rowsScope:
      rows.length < dataset.rows
        ? `the first ${rows.length} dataset rows`
        : 'every dataset row, train and test',
  };
}

import { mulberry32 } from '@trainyard/core';
import { storedRun, sweepFields } from '@trainyard/core/testing';
import { describe, expect, it } from 'vitest';
import { colorsFor } from '../colors.js';
import { buildSweepReport } from '../report/sweepReport.js';
import { sweepRecord } from '../testing/fakeStudioClient.js';
import { formatSweepReport } from './sweepReportText.js';

const colors = colorsFor({ env: { NO_COLOR: '1' }, isTTY: false });

describe('formatSweepReport', () => {
  it('states an estimate with its interval, the runs left out, and the test score next to the validation one', () => {
    const random = mulberry32(3);
    const runs = Array.from({ length: 40 }, (_, i) => {
      const learningRate = 10 ** (-4 + 3 * random());
      const score = 0.9 - 0.05 * (Math.log10(learningRate) + 2) ** 2;
      return storedRun({
        id: `r${i}`,
        sweepId: 's',
        combinationIndex: i,
        learningRate,
        hiddenDim: 16 + i,
        metric_score: score,
        val_score: score,
      });
    });
    runs.push(
      storedRun({ id: 'p', pruned: true, val_score: 1 }),
      storedRun({ id: 'f', result: 'failed', metric_score: 'n/a' }),
    );
    const sweep = sweepRecord(sweepFields({ strategy: 'random', maxRuns: 42 }), 42, {
      status: 'completed',
      done: 40,
    });
    const report = buildSweepReport({ sweep, runs, top: 3 });
    const text = formatSweepReport(report, colors);
    expect(text).toContain('completed, 40/42 combinations done, random');
    expect(text).toContain('Left out: 1 failed, 1 pruned');
    expect(text).toContain(
      'Method: estimated on 40 sampled runs: ε² per parameter (one-way ANOVA, binned values), 95% bootstrap interval over 200 resamples (seed 42)',
    );
    expect(text).toMatch(/Learning rate\s*│\s*\d+\.\d% \(\d+\.\d%–\d+\.\d%\)/);
    expect(text).toContain('interactions + noise');
    expect(text).toContain('accuracy (test)');
    expect(report.topRuns).toHaveLength(3);
    expect(report.best?.runId).toBe(report.topRuns[0]?.runId);
    expect(report.frameworks).toBeNull();
  });
});

import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import type { SweepRecord } from '@trainyard/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MlApiProvider } from '../api/StudioServices.js';
import { createFakeMlApi } from '../testing/fakeMlApi.js';
import { createFakeStudio } from '../testing/fakeStudio.js';
import { SweepsPage } from './SweepsPage.js';

// The analysis views (ECharts, uPlot) have their own tests; here only where they sit.
vi.mock('../components/analysis/RunAnalysis.js', () => ({
  RunAnalysis: (p: { runs: unknown[] }) => <section aria-label={`Analysis of ${p.runs.length} runs`} />,
}));
vi.mock('../components/LossChart.js', () => ({
  LossChart: (p: { title: string }) => <figure aria-label={p.title} />,
}));

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const sweep = (id: string, o: Partial<SweepRecord> = {}): SweepRecord =>
  ({
    id,
    status: 'completed',
    fields: {
      framework: 'pytorch',
      datasetId: 'digits',
      epochValues: '5',
      batchSizes: '16',
      learningRates: '0.01',
      testSizes: '0.2',
      hiddenDims: '8',
      numHiddenLayers: '1',
      dropouts: '0',
    },
    combinations: [],
    total: 8,
    done: 8,
    failed: 0,
    cancelled: 0,
    interrupted: 0,
    stopped: 0,
    createdAt: '2026-01-01T10:00:00.000Z',
    finishedAt: '2026-01-01T10:02:05.000Z',
    best: { runId: 'r1', metric_name: 'accuracy', score: 0.97, validation: true },
    ...o,
  }) as SweepRecord;

function renderPage(studio: ReturnType<typeof createFakeStudio>) {
  return render(
    <MlApiProvider api={createFakeMlApi()} studio={studio}>
      <SweepsPage options={[]} />
    </MlApiProvider>,
  );
}

describe('SweepsPage', () => {
  it('lists every sweep by its name, status, dataset, framework, duration and best score', async () => {
    window.location.hash = '#/sweeps';
    renderPage(
      createFakeStudio({
        sweeps: [
          sweep('a'),
          sweep('b', { name: 'lr search', tags: ['lr'], status: 'cancelled', done: 3, cancelled: 1 }),
        ],
      }),
    );
    const table = await screen.findByRole('table', { name: 'Sweeps' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual([
      'digits · pytorch · 8 runs',
      'lr search',
    ]);
    expect(rows[0]!.textContent).toContain('2 min 05 s');
    expect(rows[0]!.textContent).toContain('val accuracy 0.9700');
    expect(rows[1]!.textContent).toContain('cancelled');
    expect(within(rows[1]!).getByRole('progressbar').getAttribute('aria-valuetext')).toBe('4 / 8');
  });

  it('opens the sweep the URL names, with its counts and actions', async () => {
    window.location.hash = '#/sweeps/b';
    renderPage(createFakeStudio({ sweeps: [sweep('b', { status: 'cancelled', done: 3, cancelled: 1 })] }));
    await screen.findByRole('heading', { name: 'digits · pytorch · 8 runs' });
    await waitFor(() => expect(screen.getByText(/3 of 8 combinations completed, 1 cancelled/)).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Resume (5 left)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rerun same grid' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel sweep' })).toBeNull();
  });

  it('names a search sweep’s strategy, budget, validation and pruner, and why its budget ended it', async () => {
    window.location.hash = '#/sweeps/r';
    const fields = {
      ...sweep('r').fields,
      strategy: 'random' as const,
      maxRuns: 6,
      validationSize: 0.2,
      patience: 3,
      pruner: 'asha' as const,
    };
    renderPage(
      createFakeStudio({
        sweeps: [
          sweep('r', { fields, total: 6, done: 4, endReason: 'Budget spent: 2.01 minutes (maxMinutes 2)' }),
        ],
      }),
    );
    await screen.findByRole('heading', { name: 'digits · pytorch · 6 runs' });
    const search = screen.getByText('Search').parentElement;
    expect(search?.textContent).toBe('SearchRandom (max 6 runs) · validation 0.2 · patience 3 · ASHA pruner');
    await waitFor(() =>
      expect(
        screen.getByText(/4 of 6 combinations completed\. Budget spent: 2\.01 minutes \(maxMinutes 2\)\./),
      ).toBeTruthy(),
    );
  });
});

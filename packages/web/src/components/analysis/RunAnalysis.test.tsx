import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { bestConfigExport, parameterImportance } from '@trainyard/core';
import { storedRun } from '@trainyard/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisRun } from './analysisRun.js';
import { RunAnalysis } from './RunAnalysis.js';

// ECharts and uPlot need a real canvas, which jsdom lacks; the real charts run in the e2e browser test.
vi.mock('./EChart.js', () => ({ EChart: (p: { label: string }) => <div role="img" aria-label={p.label} /> }));
vi.mock('./EpochCurves.js', () => ({
  EpochCurves: (p: { title: string; series: unknown[] }) => (
    <div role="img" aria-label={`${p.title}: ${p.series.length} series`} />
  ),
}));

vi.mock('../LossChart.js', () => ({ LossChart: (p: { title: string }) => <figure aria-label={p.title} /> }));

afterEach(cleanup);

const history = [1, 2, 3].map((epoch) => ({
  epoch,
  epochs: 3,
  train_loss: 1 / epoch,
  test_loss: 1.1 / epoch,
}));
/** A full 2×2 grid over learning rate and hidden dim. */
const grid: AnalysisRun[] = [
  [0.01, 8, 0.8],
  [0.01, 16, 0.85],
  [0.1, 8, 0.9],
  [0.1, 16, 0.97],
].map(([learningRate, hiddenDim, metric_score], i) => ({
  ...storedRun({ id: `r${i}`, learningRate, hiddenDim, metric_score, history }),
  number: i + 1,
}));

function renderAnalysis(runs: AnalysisRun[], compared: string[] = []) {
  const onBrush = vi.fn();
  render(<RunAnalysis runs={runs} compared={compared} onBrush={onBrush} />);
  return onBrush;
}
const open = (name: string) => fireEvent.click(screen.getByRole('tab', { name: new RegExp(`^${name}`) }));

describe('RunAnalysis', () => {
  it('compares the ticked runs, showing only the parameters that differ', () => {
    renderAnalysis(grid, ['r0', 'r1']);
    expect(screen.getByRole('tab', { name: 'Compare (2)' }).getAttribute('aria-selected')).toBe('true');
    const table = screen.getByRole('table', { name: /^Parameters that differ/ });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Run',
      'Hidden dim',
      'Test accuracy',
      'Validation accuracy',
      'Train loss',
      'Test loss',
    ]);
    expect(screen.getByText(/^Same in all: Epochs 10 · Batch size 16 · Learning rate 0.01/)).toBeTruthy();
    // Train, test loss per run (no validation split): 4 series; the legend at the last epoch.
    expect(screen.getByRole('img', { name: /^Loss per epoch .*: 4 series/ })).toBeTruthy();
    const legend = screen.getByRole('table', { name: 'Values of the compared runs' });
    const cells = within(legend).getAllByRole('row')[1]?.querySelectorAll('th, td');
    expect([...(cells ?? [])].map((c) => c.textContent)).toEqual(['#1', '3', '0.3333', '—', '0.3667', '—']);
  });

  it('asks for two runs before comparing', () => {
    renderAnalysis(grid, ['r0']);
    open('Compare');
    expect(screen.getByText(/^Tick 2 to 10 runs/)).toBeTruthy();
  });

  it("states an exact importance on a full grid with core's numbers and marginal means", () => {
    renderAnalysis(grid);
    open('Importance');
    const importance = parameterImportance(grid);
    expect(screen.getByText(/the 4 runs cover every combination/)).toBeTruthy();
    for (const p of importance.parameters) {
      const caption = `${p.parameter === 'learningRate' ? 'Learning rate' : 'Hidden dim'}: ${(p.share * 100).toFixed(1)}%`;
      const table = screen.getByRole('table', { name: caption });
      expect(within(table).getAllByRole('row')).toHaveLength(3);
    }
  });

  it('states an estimate and its interval on sampled runs', () => {
    const sampled = Array.from({ length: 40 }, (_, i) => ({
      ...storedRun({
        id: `s${i}`,
        learningRate: 0.001 * (1 + i),
        hiddenDim: 8 * (1 + (i % 3)),
        metric_score: 0.5 + (i % 7) / 20,
      }),
      number: i + 1,
    }));
    renderAnalysis(sampled);
    open('Importance');
    expect(screen.getByText('Estimated').tagName).toBe('STRONG');
    expect(screen.getByText(/95% bootstrap interval \(200 resamples, seed 42\)/)).toBeTruthy();
    expect(
      screen.getByRole('table', { name: /^Learning rate: [\d.]+% \(95%: [\d.]+%–[\d.]+%\)$/ }),
    ).toBeTruthy();
  });

  it("shows core's best configuration in its three forms", () => {
    renderAnalysis(grid);
    open('Best configuration');
    const config = bestConfigExport(grid)!;
    expect(screen.getByText(/^Best: run #4/)).toBeTruthy();
    const cli = screen.getByRole('region', { name: 'CLI command' });
    expect(cli.querySelector('pre')?.textContent).toBe(config.cliCommand);
    const body = screen.getByRole('region', { name: 'JSON for POST /api/sweeps' });
    expect(JSON.parse(body.querySelector('pre')?.textContent ?? '')).toEqual(config.apiBody);
  });

  it('pairs PyTorch and TensorFlow runs of the same combination', () => {
    const tf = grid.map(
      (r, i): AnalysisRun => ({
        ...r,
        id: `t${i}`,
        framework: 'tensorflow',
        mode: 'mlp',
        metric_score: (r.metric_score as number) - 0.01,
        number: 5 + i,
      }),
    );
    renderAnalysis([...grid, ...tf]);
    open('PyTorch vs TensorFlow');
    expect(
      screen.getByText(/4 shared combinations; PyTorch better 4×, TensorFlow better 0×, tied 0×/),
    ).toBeTruthy();
    const table = screen.getByRole('table', { name: 'PyTorch and TensorFlow on iris' });
    expect(within(table).getAllByRole('row')).toHaveLength(5);
  });
});

import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MlApiError } from '@trainyard/core';
import { storedRun } from '@trainyard/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MlApiProvider } from '../api/StudioServices.js';
import { createFakeMlApi } from '../testing/fakeMlApi.js';
import { createFakeStudio } from '../testing/fakeStudio.js';
import { RunsPage } from './RunsPage.js';

// uPlot needs a real canvas and matchMedia, which jsdom lacks; the real chart runs in the e2e browser test.
// The analysis views (ECharts, uPlot) have their own tests; here only where they sit.
vi.mock('../components/analysis/RunAnalysis.js', () => ({
  RunAnalysis: (p: { runs: unknown[] }) => <section aria-label={`Analysis of ${p.runs.length} runs`} />,
}));
vi.mock('../components/LossChart.js', () => ({
  LossChart: (p: { title: string }) => <figure aria-label={p.title} />,
}));

afterEach(() => {
  cleanup();
  // The filters live in the URL: each test starts from a bare Runs page.
  window.history.replaceState(null, '', '#/runs');
});

const linear = storedRun({
  id: 'run-lin',
  framework: 'tensorflow',
  mode: 'linear',
  hiddenDim: 128,
  numHiddenLayers: 2,
  dropout: 0.1,
  metric_score: 0.8,
  modelId: 'mdl-lin',
});
const running = storedRun({
  id: 'run-live',
  result: 'running',
  metric_name: 'n/a',
  metric_score: 'n/a',
  train_loss: 'n/a',
  test_loss: 'n/a',
  modelId: undefined,
});

function renderPage(studio = createFakeStudio({ runs: [running, storedRun(), linear] })) {
  render(
    <MlApiProvider api={createFakeMlApi()} studio={studio}>
      <RunsPage options={[]} />
    </MlApiProvider>,
  );
  return studio;
}

const table = () => screen.findByRole('table', { name: 'Stored runs' });
const bodyRows = async () =>
  within(await table())
    .getAllByRole('row')
    .slice(1);
const cellOf = (row: HTMLElement, header: string) => {
  const headers = within(screen.getByRole('table', { name: 'Stored runs' })).getAllByRole('columnheader');
  const at = headers.findIndex((h) => h.textContent?.startsWith(header));
  return within(row).getAllByRole('cell')[at]?.textContent;
};

describe('RunsPage', () => {
  it('shows a run still training as running… with n/a metrics, not as failed', async () => {
    renderPage();
    const [live] = await bodyRows();
    expect(cellOf(live!, 'Result')).toBe('running…');
    expect(cellOf(live!, 'Test score')).toBe('n/a');
    expect(within(await table()).queryByText(/failed/)).toBeNull();
    // It cannot be deleted while it trains (the server would answer 409).
    expect((screen.getByRole('button', { name: 'Delete run 1' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a linear baseline as "linear" in the architecture columns, not its fixed 128/2/0.1', async () => {
    renderPage();
    const rows = await bodyRows();
    expect(['Hidden dim', 'Hidden layers', 'Dropout'].map((h) => cellOf(rows[2]!, h))).toEqual([
      'linear',
      'linear',
      'linear',
    ]);
    expect(['Hidden dim', 'Hidden layers', 'Dropout'].map((h) => cellOf(rows[1]!, h))).toEqual([
      '64',
      '2',
      '0.1',
    ]);
  });

  it('deletes a run after an inline confirmation, keeping keyboard focus in place', async () => {
    const studio = renderPage();
    const remove = await screen.findByRole('button', { name: 'Delete run 2' });
    remove.focus();
    fireEvent.click(remove);
    const confirm = screen.getByRole('button', { name: 'Confirm delete run 2' });
    expect(document.activeElement).toBe(confirm);
    fireEvent.click(screen.getByRole('button', { name: 'Keep run 2' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete run 2' }));
    expect(studio.deletedRuns).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete run 2' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Confirm delete run 2' })));
    expect(studio.deletedRuns).toEqual(['run-1']);
    await waitFor(async () => expect(await bodyRows()).toHaveLength(2));
    expect(within(await table()).queryByText('mdl-1')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Deleted run #2 (run-1).');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Runs' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the row and says why when the delete fails', async () => {
    const studio = createFakeStudio({ runs: [storedRun()] });
    studio.deleteRun = async (id) => {
      throw new MlApiError('CONFLICT', `Run "${id}" is still running`);
    };
    renderPage(studio);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete run 1' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Confirm delete run 1' })));
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not delete the run: Run "run-1" is still running',
    );
    expect(await bodyRows()).toHaveLength(1);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete run 1' }));
  });

  it("shows each run's sweep, its number in the sweep (combination + 1), kind, created time and duration", async () => {
    const sweepRun = storedRun({
      id: 'run-s',
      sweepId: 'sweep-abcdef123',
      combinationIndex: 2,
      durationMs: 12_340,
    });
    const student = storedRun({ id: 'run-d', kind: 'distill', modelId: 'mdl-d' });
    renderPage(createFakeStudio({ runs: [sweepRun, student] }));
    const [first, second] = await bodyRows();
    expect(['Sweep', 'Run', 'Kind', 'Duration'].map((h) => cellOf(first!, h))).toEqual([
      'sweep-ab',
      '#3',
      'sweep run',
      '12.3 s',
    ]);
    expect(cellOf(first!, 'Created')).toMatch(/2026/);
    expect(['Sweep', 'Run', 'Kind'].map((h) => cellOf(second!, h))).toEqual(['—', '', 'distilled student']);
  });

  it('filters by a score range and by a hyperparameter value', async () => {
    const runs = [
      storedRun({ id: 'a', metric_score: 0.95, learningRate: 0.1 }),
      storedRun({ id: 'b', metric_score: 0.85, learningRate: 0.01 }),
      storedRun({ id: 'c', metric_score: 0.92, learningRate: 0.01 }),
    ];
    renderPage(createFakeStudio({ runs }));
    expect(await bodyRows()).toHaveLength(3);
    fireEvent.change(screen.getByLabelText('Score ≥'), { target: { value: '0.9' } });
    expect(await bodyRows()).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Hyperparameter'), { target: { value: 'learningRate' } });
    fireEvent.change(screen.getByLabelText('Learning rate ='), { target: { value: '0.01' } });
    const rows = await bodyRows();
    expect(rows).toHaveLength(1);
    expect(cellOf(rows[0]!, 'Test score')).toBe('0.9200');
  });

  it('restores the filters from the URL, ignores bad ones, and writes changes back without history entries', async () => {
    const runs = [
      storedRun({ id: 'a', metric_score: 0.95, learningRate: 0.1 }),
      storedRun({ id: 'b', metric_score: 0.85, learningRate: 0.01 }),
      storedRun({ id: 'c', metric_score: 0.92, learningRate: 0.01 }),
    ];
    window.history.replaceState(
      null,
      '',
      '#/runs?minScore=0.9&maxScore=abc&framework=jax&param=learningRate&value=0.01',
    );
    renderPage(createFakeStudio({ runs }));
    const rows = await bodyRows();
    expect(rows).toHaveLength(1);
    expect(cellOf(rows[0]!, 'Test score')).toBe('0.9200');
    expect(screen.getByRole('region', { name: 'Analysis of 1 runs' })).toBeTruthy();
    expect((screen.getByLabelText('Score ≥') as HTMLInputElement).value).toBe('0.9');
    expect((screen.getByLabelText('Score ≤') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Framework') as HTMLSelectElement).value).toBe('');
    expect((screen.getByLabelText('Learning rate =') as HTMLSelectElement).value).toBe('0.01');

    const entries = window.history.length;
    fireEvent.change(screen.getByLabelText('Hyperparameter'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Score ≥'), { target: { value: '0.95' } });
    expect(window.location.hash).toBe('#/runs?minScore=0.95');
    expect(window.history.length).toBe(entries);
    expect(await bodyRows()).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('Score ≥'), { target: { value: '0.' } });
    expect((screen.getByLabelText('Score ≥') as HTMLInputElement).value).toBe('0.'); // as typed
    expect(window.location.hash).toBe('#/runs?minScore=0');
    fireEvent.change(screen.getByLabelText('Score ≥'), { target: { value: '' } });
    expect(window.location.hash).toBe('#/runs');
    expect(await bodyRows()).toHaveLength(3);

    // A link opened on the page: the fields show its filters.
    act(() => {
      window.history.replaceState(null, '', '#/runs?maxScore=0.9');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect((screen.getByLabelText('Score ≤') as HTMLInputElement).value).toBe('0.9');
    expect(await bodyRows()).toHaveLength(1);
  });

  it("asks whether the run's model goes too, and deletes it only when asked", async () => {
    const studio = renderPage(createFakeStudio({ runs: [storedRun()] }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete run 1' }));
    const also = screen.getByRole('checkbox', { name: 'and its model' }) as HTMLInputElement;
    expect(also.checked).toBe(false);
    fireEvent.click(also);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Confirm delete run 1' })));
    expect(studio.deletedWithModel).toEqual(['run-1']);
    expect(screen.getByText('Deleted run #1 (run-1) and its model.')).toBeTruthy();
  });

  it("edits a run's name and tags, shows them and filters the runs by tag", async () => {
    const studio = renderPage(
      createFakeStudio({ runs: [storedRun({ id: 'run-a' }), storedRun({ id: 'run-b', tags: ['old'] })] }),
    );
    expect(cellOf((await bodyRows())[1]!, 'Tags')).toBe('old');
    fireEvent.click(screen.getByRole('button', { name: 'Show loss curve of run 1' }));
    const form = await screen.findByRole('form', { name: 'Name, tags and notes' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'baseline' } });
    fireEvent.change(within(form).getByLabelText('Tags'), { target: { value: 'lr, smoke' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Save labels' })));
    expect(within(form).getByRole('status').textContent).toBe('Saved.');
    const runA = (await studio.listRuns()).find((r) => r.id === 'run-a');
    expect(runA).toMatchObject({ name: 'baseline', tags: ['lr', 'smoke'] });
    await waitFor(() => expect(cellOf(screen.getAllByRole('row')[1]!, 'Name')).toBe('baseline'));
    expect(cellOf(screen.getAllByRole('row')[1]!, 'Tags')).toBe('lr, smoke');

    fireEvent.change(screen.getByLabelText('Tag'), { target: { value: 'smoke' } });
    await waitFor(async () => expect(await bodyRows()).toHaveLength(1));
    expect(cellOf((await bodyRows())[0]!, 'Name')).toBe('baseline');
  });
});

import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { storedRun } from '@trainyard/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { giveLayoutSizes } from '../testing/sizedLayout.js';
import { MAX_COMPARED, RunTable, type RunTableRow } from './RunTable.js';

afterEach(cleanup);

// A validated sweep: run 2 has the best test score, run 3 the best validation score, run 4 a higher
// validation score still but it was pruned (never the best), run 1 stopped early.
const validated: RunTableRow[] = [
  storedRun({ id: 'a', epochs: 20, val_score: 0.9, val_loss: 0.3, best_epoch: 9, stopped_epoch: 14 }),
  storedRun({ id: 'b', epochs: 20, metric_score: 0.97, val_score: 0.88, best_epoch: 20, stopped_epoch: 20 }),
  storedRun({ id: 'c', epochs: 20, metric_score: 0.93, val_score: 0.95, best_epoch: 18, stopped_epoch: 20 }),
  storedRun({ id: 'd', epochs: 20, val_score: 0.99, best_epoch: 3, stopped_epoch: 3, pruned: true }),
];

function renderTable(rows: RunTableRow[]) {
  render(<RunTable rows={rows} caption="Runs" csvName="runs.csv" />);
  const table = screen.getByRole('table', { name: 'Runs' });
  const headers = within(table)
    .getAllByRole('columnheader')
    .map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
  // The rows drawn: not the spacers that stand for the rows out of view.
  const body = () =>
    within(table)
      .getAllByRole('row')
      .slice(1)
      .filter((r) => !r.classList.contains('spacer'));
  const column = (header: string) =>
    body().map((r) => within(r).getAllByRole('cell')[headers.indexOf(header)]?.textContent);
  return { table, headers, body, column };
}

describe('RunTable (issue 11: validation, best epoch, pruned and stopped runs)', () => {
  it('shows val score, test score and best epoch, and marks pruned and early-stopped runs', () => {
    const { headers, column } = renderTable(validated);
    expect(headers.slice(0, 7)).toEqual([
      '#',
      'Result',
      'Metric',
      'Val score',
      'Test score',
      'Best epoch',
      'Train loss',
    ]);
    expect(column('Val score')).toEqual(['0.9000', '0.8800', '0.9500', '0.9900']);
    expect(column('Test score')).toEqual(['0.9000', '0.9700', '0.9300', '0.9000']);
    expect(column('Best epoch')).toEqual(['9', '20', '18', '3']);
    expect(column('Val loss')).toEqual(['0.3000', 'n/a', 'n/a', 'n/a']);
    expect(column('Result')).toEqual([
      'completedstopped early at epoch 14',
      'completed',
      'completed',
      'completedpruned at epoch 3',
    ]);
  });

  it('marks the best run by validation and says so; a pruned run never wins, the test score never chooses', () => {
    const { body } = renderTable(validated);
    const best = body().filter((r) => r.className.includes('best'));
    expect(best).toHaveLength(1);
    expect(within(best[0]!).getAllByRole('cell')[0]?.textContent).toBe('3best by validation');
    expect(screen.getByText('Best by validation: run #3 (val accuracy 0.9500, test 0.9300)')).toBeTruthy();
  });

  it('shows the folds’ spread as val score ± std, and a dash where a run had no validation', () => {
    const { column } = renderTable([
      storedRun({ id: 'k', val_score: 0.91, val_score_std: 0.0312 }),
      storedRun({ id: 'old' }),
    ]);
    expect(column('Val score')).toEqual(['0.9100 ± 0.0312', '—']);
    // Without a validation score on every row the best is ranked by test score, and says nothing more.
    expect(screen.getByText('Best: run #1 (accuracy 0.9000)')).toBeTruthy();
    expect(screen.getAllByText('best')).toHaveLength(1);
  });

  it('sorts by the new columns, missing values last', () => {
    const { table, column } = renderTable([...validated, storedRun({ id: 'old', metric_score: 0.5 })]);
    // Numbers sort highest first on the first click (TanStack's default), lowest first on the second.
    fireEvent.click(within(table).getByRole('button', { name: 'Val score' }));
    expect(column('#')[4]).toBe('5');
    const descending = column('Val score').slice(0, 4);
    fireEvent.click(within(table).getByRole('button', { name: /Val score/ }));
    const ascending = column('Val score').slice(0, 4);
    expect([descending, ascending]).toEqual([
      ['0.9900', '0.9500', '0.9000', '0.8800'],
      ['0.8800', '0.9000', '0.9500', '0.9900'],
    ]);
    expect(column('#')[4]).toBe('5');
    fireEvent.click(within(table).getByRole('button', { name: 'Best epoch' }));
    expect(column('Best epoch')).toEqual(['20', '18', '9', '3', '']);
  });
});

describe('RunTable with many rows', () => {
  giveLayoutSizes({ clientHeight: 480, clientWidth: 1000, offsetHeight: 30, offsetWidth: 1000 });

  it('renders only the rows in view, sorts all of them, and keeps the best run', () => {
    const many: RunTableRow[] = Array.from({ length: 2000 }, (_, i) =>
      storedRun({ id: `r${i}`, val_score: (i % 997) / 1000, metric_score: 0.5 }),
    );
    const { table, body, column } = renderTable(many);
    expect(table.getAttribute('aria-rowcount')).toBe('2001');
    const drawn = body();
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn.length).toBeLessThan(60);
    fireEvent.click(within(table).getByRole('button', { name: 'Val score' }));
    // Highest first over all 2000 rows, not only those that were on screen: 0.996 is row 997 (and 1994).
    expect(column('Val score').slice(0, 2)).toEqual(['0.9960', '0.9960']);
    expect(column('#')[0]).toBe('997best by validation');
  });
});

const runs = (n: number) =>
  Array.from({ length: n }, (_, i) => storedRun({ id: `r${i}`, metric_score: 0.5 + i / (2 * n) }));
const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('RunTable filtered and compared', () => {
  it('lists only the shown runs, keeping their numbers', () => {
    render(<RunTable rows={runs(5)} caption="Runs" csvName="runs.csv" shown={new Set(['r1', 'r3'])} />);
    expect(bodyRows().map((r) => r.querySelector('td')?.textContent)).toEqual(['2', '4']);
    expect(screen.getByText('Showing 2 of 5 runs (brushed on the parallel coordinates).')).toBeTruthy();
  });

  it(`ticks runs to compare, at most ${MAX_COMPARED}`, () => {
    const onCompare = vi.fn();
    const rows = runs(12);
    const compared = rows.slice(0, MAX_COMPARED).map((r) => r.id);
    render(
      <RunTable rows={rows} caption="Runs" csvName="runs.csv" compared={compared} onCompare={onCompare} />,
    );
    expect((screen.getByRole('checkbox', { name: 'Compare run 1' }) as HTMLInputElement).checked).toBe(true);
    const eleventh = screen.getByRole('checkbox', { name: 'Compare run 11' }) as HTMLInputElement;
    expect(eleventh.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare run 2' }));
    expect(onCompare).toHaveBeenCalledWith('r1');
  });
});

import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { storedRun } from '@trainyard/core/testing';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { MAX_COMPARED, RunTable } from './RunTable.js';

afterEach(cleanup);

const runs = (n: number) =>
  Array.from({ length: n }, (_, i) => storedRun({ id: `r${i}`, metric_score: 0.5 + i / (2 * n) }));
const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('RunTable', () => {
  it('draws only a screenful of a long table', () => {
    // jsdom has no layout: give elements a size so the virtualiser has a viewport to fill.
    const sizes = { clientHeight: 560, clientWidth: 1000, offsetHeight: 33, offsetWidth: 1000 };
    const originals = Object.keys(sizes).map(
      (k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)] as const,
    );
    for (const [k, v] of Object.entries(sizes))
      Object.defineProperty(HTMLElement.prototype, k, { configurable: true, value: v });
    onTestFinished(() => {
      for (const [k, d] of originals) if (d) Object.defineProperty(HTMLElement.prototype, k, d);
    });
    render(<RunTable rows={runs(5000)} caption="Runs" csvName="runs.csv" />);
    const drawn = bodyRows().filter((r) => !r.classList.contains('spacer'));
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.length).toBeLessThan(60);
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('5001');
  });

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

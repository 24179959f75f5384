import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DatasetRows } from '@trainyard/core';
import { useEffect, useMemo, useRef } from 'react';
import { useDatasetRowPages } from '../hooks/useDatasetRowPages.js';
import { StatusMessage } from './StatusMessage.js';

type Cell = string | number | null;
interface VisibleRow {
  index: number;
  cells: Cell[] | undefined;
}

const ROW_HEIGHT = 28;

/** Numbers as stored: JavaScript's shortest round-trip form, never rounded for show. */
function formatCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/**
 * A virtualised rows preview: only the visible rows exist in the DOM and in the table model, and
 * their pages come from the server on demand, so a 1,000,000-row dataset scrolls like a small one.
 */
export function RowsPreview(props: { first: DatasetRows; targetColumn?: string }) {
  const { first, targetColumn } = props;
  const pages = useDatasetRowPages(first);
  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: first.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // jsdom and the first paint have no layout: show a first screenful anyway.
    initialRect: { width: 800, height: 420 },
  });
  const items = virtualizer.getVirtualItems();
  const startIndex = items[0]?.index ?? 0;
  const endIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => pages.requestRange(startIndex, endIndex), [pages, startIndex, endIndex]);

  const columns = useMemo<ColumnDef<VisibleRow>[]>(
    () => [
      { id: '#', header: '#', cell: (c) => (c.row.original.index + 1).toLocaleString('en') },
      ...first.columns.map(
        (name, i): ColumnDef<VisibleRow> => ({
          id: name,
          header: name === targetColumn ? `${name} (target)` : name,
          cell: (c) => (c.row.original.cells ? formatCell(c.row.original.cells[i]) : '…'),
        }),
      ),
    ],
    [first.columns, targetColumn],
  );
  // Only the rows on screen go into the table model; the virtualiser knows the full count.
  const { rowAt, version } = pages;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` bumps when a page lands, which is when rowAt answers differently.
  const data = useMemo(() => {
    const visible: VisibleRow[] = [];
    for (let index = startIndex; index <= endIndex && index < first.total; index++) {
      visible.push({ index, cells: rowAt(index) });
    }
    return visible;
  }, [startIndex, endIndex, first.total, rowAt, version]);
  // The table model changes as the window scrolls; its page-index auto-reset would only queue
  // needless re-renders (and with an unmemoised `data` it looped forever).
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), autoResetAll: false });
  const rows = items.length > 0 ? table.getRowModel().rows : [];
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <div className="rows-preview">
      <p className="muted">
        {first.total.toLocaleString('en')} rows × {first.columns.length} columns
      </p>
      {pages.error && <StatusMessage kind="error">{pages.error}</StatusMessage>}
      <section
        className="table-scroll rows-scroll"
        ref={scrollRef}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the rows with the arrow keys once focused
        tabIndex={0}
        aria-label="Dataset rows"
      >
        <table className="data-table" aria-rowcount={first.total + 1}>
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => (
                  <th key={h.id} scope="col">
                    {flexRender(h.column.columnDef.header, h.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && <tr className="spacer" style={{ height: padTop }} />}
            {rows.map((row) => (
              <tr
                key={row.original.index}
                aria-rowindex={row.original.index + 2}
                style={{ height: ROW_HEIGHT }}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))}
            {padBottom > 0 && <tr className="spacer" style={{ height: padBottom }} />}
          </tbody>
        </table>
      </section>
    </div>
  );
}

import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import type { RunRow, StoredRun } from '@trainyard/core';
import { bestRunIndex } from '@trainyard/core';
import { useMemo, useState } from 'react';
import { downloadText } from '../util/downloadText.js';
import { formatMetric } from '../util/formatNumber.js';
import { toCsv } from '../util/toCsv.js';

interface Entry {
  index: number;
  row: RunRow & Partial<Pick<StoredRun, 'createdAt' | 'kind' | 'status'>>;
}

const num = (v: number | 'n/a') => (typeof v === 'number' ? v : undefined);

/** Columns of the CSV export, in table order. */
const CSV_FIELDS = [
  'result',
  'metric_name',
  'metric_score',
  'train_loss',
  'test_loss',
  'epochs',
  'batchSize',
  'learningRate',
  'testSize',
  'hiddenDim',
  'numHiddenLayers',
  'dropout',
  'framework',
  'datasetId',
  'modelId',
  'error',
] as const;

function columnsFor(withContext: boolean): ColumnDef<Entry>[] {
  const metric = (key: 'metric_score' | 'train_loss' | 'test_loss', header: string): ColumnDef<Entry> => ({
    id: key,
    header,
    accessorFn: (e) => num(e.row[key]),
    sortUndefined: 'last',
    cell: (c) => formatMetric(c.row.original.row[key]),
  });
  const plain = (key: keyof RunRow & string, header: string): ColumnDef<Entry> => ({
    id: key,
    header,
    accessorFn: (e) => e.row[key],
  });
  return [
    { id: 'index', header: '#', accessorFn: (e) => e.index },
    ...(withContext ? [plain('framework', 'Framework'), plain('datasetId', 'Dataset')] : []),
    {
      id: 'result',
      header: 'Result',
      accessorFn: (e) => e.row.status ?? e.row.result,
      cell: (c) => {
        const { row } = c.row.original;
        const label = row.status === 'running' ? 'running' : row.result;
        return (
          <span className={`result result-${label}`}>
            {label}
            {row.result === 'failed' && row.error && <span className="reason">: {row.error}</span>}
          </span>
        );
      },
    },
    { id: 'metric_name', header: 'Metric', accessorFn: (e) => e.row.metric_name },
    metric('metric_score', 'Score'),
    metric('train_loss', 'Train loss'),
    metric('test_loss', 'Test loss'),
    plain('epochs', 'Epochs'),
    plain('batchSize', 'Batch size'),
    plain('learningRate', 'Learning rate'),
    plain('testSize', 'Test size'),
    plain('hiddenDim', 'Hidden dim'),
    plain('numHiddenLayers', 'Hidden layers'),
    plain('dropout', 'Dropout'),
  ];
}

/**
 * The run table: every combination field, result, metric and losses; sortable by any column
 * (n/a last); the best completed run highlighted; failed rows show n/a and their reason; CSV export.
 */
export function RunTable(props: {
  rows: RunRow[];
  caption: string;
  csvName: string;
  selectedIndex?: number | null;
  onSelect?: (index: number) => void;
  withContext?: boolean;
}) {
  const { rows, caption, csvName, selectedIndex, onSelect, withContext = false } = props;
  const [sorting, setSorting] = useState<SortingState>([]);
  const data = useMemo(() => rows.map((row, index) => ({ index, row })), [rows]);
  const columns = useMemo(() => columnsFor(withContext), [withContext]);
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const best = bestRunIndex(rows);

  function exportCsv() {
    const body = rows.map((r) => CSV_FIELDS.map((f) => r[f] as string | number | undefined));
    downloadText(csvName, toCsv(CSV_FIELDS, body));
  }

  return (
    <div className="run-table">
      <div className="table-toolbar">
        <button type="button" onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
        {best >= 0 && (
          <span className="muted">
            Best: run #{best + 1} ({rows[best]?.metric_name} {formatMetric(rows[best]?.metric_score)})
          </span>
        )}
      </div>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    >
                      <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span aria-hidden="true">
                          {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((r) => {
              const { index, row } = r.original;
              const isBest = index === best;
              const classes = [
                isBest ? 'best' : '',
                row.result === 'failed' ? 'failed' : '',
                index === selectedIndex ? 'selected' : '',
              ]
                .filter(Boolean)
                .join(' ');
              return (
                <tr key={row.id} className={classes}>
                  {r.getVisibleCells().map((cell) => (
                    <td key={cell.id}>
                      {cell.column.id === 'index' ? (
                        <>
                          {onSelect ? (
                            <button
                              type="button"
                              className="link"
                              onClick={() => onSelect(index)}
                              aria-pressed={index === selectedIndex}
                              aria-label={`Show loss curve of run ${index + 1}`}
                            >
                              {index + 1}
                            </button>
                          ) : (
                            index + 1
                          )}
                          {isBest && <span className="badge badge-best">best</span>}
                        </>
                      ) : (
                        flexRender(cell.column.columnDef.cell, cell.getContext())
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

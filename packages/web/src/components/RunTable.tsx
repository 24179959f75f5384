import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RunRow, StoredRun } from '@trainyard/core';
import {
  bestRun,
  formatDuration,
  isIgnoredByLinear,
  type LinearIgnoredParam,
  RUN_PARAMS,
  runKindLabel,
  runNumber,
  runOutcome,
} from '@trainyard/core';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { downloadText } from '../util/downloadText.js';
import { formatMetric } from '../util/formatNumber.js';
import { toCsv } from '../util/toCsv.js';
import { RunDeleteButton } from './RunDeleteButton.js';
import { RunResult } from './RunResult.js';
import { SortableHead } from './SortableHead.js';

/** A row of this sweep (core's RunRow) or a stored run, which may still be training. */
export type RunTableRow = Omit<RunRow, 'result'> &
  Pick<StoredRun, 'result'> &
  Partial<
    Pick<
      StoredRun,
      'createdAt' | 'kind' | 'mode' | 'sweepId' | 'combinationIndex' | 'durationMs' | 'name' | 'tags'
    >
  >;

/** Above this many rows only the rows in view are rendered (a random search may hold thousands). */
export const VIRTUAL_ROWS_ABOVE = 100;
const ROW_HEIGHT = 30;

interface Entry {
  index: number;
  row: RunTableRow;
}

/** A compare view overlays at most this many runs. */
export const MAX_COMPARED = 10;

const num = (v: number | 'n/a' | undefined) => (typeof v === 'number' ? v : undefined);
const isRunning = (row: RunTableRow) => row.result === 'running';

/** Columns of the CSV export, in table order. */
const CSV_FIELDS = [
  'result',
  'metric_name',
  'val_score',
  'val_score_std',
  'metric_score',
  'best_epoch',
  'stopped_epoch',
  'pruned',
  'train_loss',
  'val_loss',
  'test_loss',
  ...RUN_PARAMS,
  'framework',
  'mode',
  'datasetId',
  'modelId',
  'error',
] as const;

function columnsFor(withContext: boolean): ColumnDef<Entry>[] {
  const metric = (
    key: 'metric_score' | 'train_loss' | 'test_loss' | 'val_loss',
    header: string,
  ): ColumnDef<Entry> => ({
    id: key,
    header,
    accessorFn: (e) => num(e.row[key]),
    sortUndefined: 'last',
    cell: (c) => formatMetric(c.row.original.row[key]),
  });
  /** Validation numbers: a dash when the run had no validation split (older rows, none asked). */
  const validation =
    (value: (row: RunTableRow) => ReactNode): ColumnDef<Entry>['cell'] =>
    (c) => {
      const { row } = c.row.original;
      return row.result === 'completed' && row.val_score === undefined ? (
        <span className="muted">—</span>
      ) : (
        value(row)
      );
    };
  const plain = (key: keyof RunRow & string, header: string): ColumnDef<Entry> => ({
    id: key,
    header,
    accessorFn: (e) => e.row[key],
  });
  /** DR-004: a linear baseline has no hidden layers; its fixed architecture values mean nothing. */
  const architecture = (key: LinearIgnoredParam, header: string): ColumnDef<Entry> => ({
    id: key,
    header,
    accessorFn: (e) => (isIgnoredByLinear(e.row, key) ? undefined : e.row[key]),
    sortUndefined: 'last',
    cell: (c) =>
      isIgnoredByLinear(c.row.original.row, key) ? (
        <span className="muted">linear</span>
      ) : (
        c.getValue<number>()
      ),
  });
  return [
    { id: 'index', header: '#', accessorFn: (e) => e.index },
    ...(withContext
      ? [...lineageColumns(), plain('framework', 'Framework'), plain('datasetId', 'Dataset')]
      : []),
    {
      id: 'result',
      header: 'Result',
      accessorFn: (e) => runOutcome(e.row),
      cell: (c) => <RunResult row={c.row.original.row} />,
    },
    { id: 'metric_name', header: 'Metric', accessorFn: (e) => e.row.metric_name },
    {
      id: 'val_score',
      header: 'Val score',
      accessorFn: (e) => e.row.val_score,
      sortUndefined: 'last',
      cell: validation((row) =>
        row.val_score_std === undefined
          ? formatMetric(row.val_score)
          : `${formatMetric(row.val_score)} ± ${formatMetric(row.val_score_std)}`,
      ),
    },
    metric('metric_score', 'Test score'),
    {
      id: 'best_epoch',
      header: 'Best epoch',
      accessorFn: (e) => e.row.best_epoch,
      sortUndefined: 'last',
    },
    metric('train_loss', 'Train loss'),
    { ...metric('val_loss', 'Val loss'), cell: validation((row) => formatMetric(row.val_loss)) },
    metric('test_loss', 'Test loss'),
    plain('epochs', 'Epochs'),
    plain('batchSize', 'Batch size'),
    plain('learningRate', 'Learning rate'),
    plain('testSize', 'Test size'),
    architecture('hiddenDim', 'Hidden dim'),
    architecture('numHiddenLayers', 'Hidden layers'),
    architecture('dropout', 'Dropout'),
  ];
}

/**
 * Stored runs only: the sweep and run number (as the sweep page numbers it), kind, created time,
 * duration, and the name and tags a person gave the run.
 */
function lineageColumns(): ColumnDef<Entry>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      accessorFn: (e) => e.row.name,
      sortUndefined: 'last',
    },
    {
      id: 'tags',
      header: 'Tags',
      accessorFn: (e) => (e.row.tags ?? []).join(', ') || undefined,
      sortUndefined: 'last',
    },
    {
      id: 'sweep',
      header: 'Sweep',
      accessorFn: (e) => e.row.sweepId,
      sortUndefined: 'last',
      cell: (c) => {
        const id = c.row.original.row.sweepId;
        return id ? <span title={id}>{id.slice(0, 8)}</span> : <span className="muted">—</span>;
      },
    },
    {
      id: 'runNumber',
      header: 'Run',
      accessorFn: (e) => runNumber(e.row),
      sortUndefined: 'last',
      cell: (c) => {
        const n = runNumber(c.row.original.row);
        return n === undefined ? '' : `#${n}`;
      },
    },
    {
      id: 'kind',
      header: 'Kind',
      accessorFn: (e) =>
        e.row.kind ? runKindLabel({ kind: e.row.kind, sweepId: e.row.sweepId }) : undefined,
    },
    {
      id: 'createdAt',
      header: 'Created',
      accessorFn: (e) => e.row.createdAt,
      cell: (c) => {
        const at = c.row.original.row.createdAt;
        return at ? <time dateTime={at}>{new Date(at).toLocaleString('en-GB')}</time> : '';
      },
    },
    {
      id: 'durationMs',
      header: 'Duration',
      accessorFn: (e) => e.row.durationMs,
      sortUndefined: 'last',
      cell: (c) => formatDuration(c.row.original.row.durationMs),
    },
  ];
}

/**
 * The run table: every combination field, result, metric and losses; sortable by any column
 * (n/a last); above VIRTUAL_ROWS_ABOVE rows only those in view are rendered; the best completed run
 * highlighted; failed rows show n/a and their reason, running
 * ones `running…`; linear baselines read "linear" in the architecture columns; CSV export. With
 * `onDelete`, each ended run gets a Delete button that asks once more, inline.
 */
export function RunTable(props: {
  rows: RunTableRow[];
  caption: string;
  csvName: string;
  selectedIndex?: number | null;
  onSelect?: (index: number) => void;
  withContext?: boolean;
  /**
   * Deletes the run (and its model when `deleteModel`); resolves true when it is gone (the caller
   * drops the row and reports a failure).
   */
  onDelete?: (row: RunTableRow, index: number, deleteModel: boolean) => Promise<boolean>;
  /** Only these runs (by id) are listed, e.g. the ones brushed on the parallel coordinates; numbers stay. */
  shown?: ReadonlySet<string> | null;
  /** With `onCompare`: a Compare checkbox per run, ticked for these ids (at most MAX_COMPARED). */
  compared?: readonly string[];
  onCompare?: (id: string) => void;
}) {
  const { rows, caption, csvName, selectedIndex, onSelect, withContext = false, onDelete } = props;
  const { shown, compared = [], onCompare } = props;
  const [sorting, setSorting] = useState<SortingState>([]);
  const data = useMemo(() => {
    const all = rows.map((row, index) => ({ index, row }));
    return shown ? all.filter((e) => shown.has(e.row.id)) : all;
  }, [rows, shown]);
  const columns = useMemo(() => columnsFor(withContext), [withContext]);
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const { index: best, by } = bestRun(rows);
  const sorted = table.getRowModel().rows;
  const windowed = sorted.length > VIRTUAL_ROWS_ABOVE;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: windowed ? sorted.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // jsdom and the first paint have no layout: show a first screenful anyway.
    initialRect: { width: 1000, height: 480 },
  });
  const items = virtualizer.getVirtualItems();
  const drawn = windowed
    ? items.flatMap((item) => {
        const r = sorted[item.index];
        return r ? [{ r, position: item.index }] : [];
      })
    : sorted.map((r, position) => ({ r, position }));
  const padTop = windowed ? (items[0]?.start ?? 0) : 0;
  const padBottom = windowed ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const full = compared.length >= MAX_COMPARED;

  function exportCsv() {
    const body = rows.map((r) =>
      CSV_FIELDS.map((f) => (isIgnoredByLinear(r, f) ? undefined : (r[f] as string | number | undefined))),
    );
    downloadText(csvName, toCsv(CSV_FIELDS, body));
  }

  return (
    <div className="run-table">
      <div className="table-toolbar">
        <button type="button" onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
        {best >= 0 && (
          <span className="muted best-summary">
            {by === 'val_score'
              ? `Best by validation: run #${best + 1} (val ${rows[best]?.metric_name} ${formatMetric(rows[best]?.val_score)}, test ${formatMetric(rows[best]?.metric_score)})`
              : `Best: run #${best + 1} (${rows[best]?.metric_name} ${formatMetric(rows[best]?.metric_score)})`}
          </span>
        )}
      </div>
      {shown && (
        <p className="muted" role="status">
          Showing {data.length} of {rows.length} runs (brushed on the parallel coordinates).
        </p>
      )}
      <div className={`table-scroll${windowed ? ' runs-scroll' : ''}`} ref={scrollRef}>
        <table className="data-table" aria-rowcount={data.length + 1}>
          <caption className="sr-only">{caption}</caption>
          <SortableHead
            table={table}
            actions={Boolean(onDelete)}
            leading={onCompare ? 'Compare' : undefined}
          />
          <tbody>
            {padTop > 0 && <tr className="spacer" style={{ height: padTop }} />}
            {drawn.map(({ r, position }) => {
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
                <tr
                  key={row.id}
                  className={classes}
                  aria-rowindex={windowed ? position + 2 : undefined}
                  style={windowed ? { height: ROW_HEIGHT } : undefined}
                >
                  {onCompare && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Compare run ${index + 1}`}
                        checked={compared.includes(row.id)}
                        disabled={full && !compared.includes(row.id)}
                        title={
                          full && !compared.includes(row.id) ? `At most ${MAX_COMPARED} runs` : undefined
                        }
                        onChange={() => onCompare(row.id)}
                      />
                    </td>
                  )}
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
                          {isBest && (
                            <span className="badge badge-best">
                              {by === 'val_score' ? 'best by validation' : 'best'}
                            </span>
                          )}
                        </>
                      ) : (
                        flexRender(cell.column.columnDef.cell, cell.getContext())
                      )}
                    </td>
                  ))}
                  {onDelete && (
                    <td className="sticky-actions">
                      <RunDeleteButton
                        runLabel={`run ${index + 1}`}
                        disabledReason={isRunning(row) ? 'A run can be deleted once it ends' : undefined}
                        hasModel={Boolean(row.modelId)}
                        onConfirm={(deleteModel) => onDelete(row, index, deleteModel)}
                      />
                    </td>
                  )}
                </tr>
              );
            })}
            {padBottom > 0 && <tr className="spacer" style={{ height: padBottom }} />}
          </tbody>
        </table>
      </div>
    </div>
  );
}

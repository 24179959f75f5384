import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { type ModelSummary, modelArchiveName, runNumber } from '@trainyard/core';
import { useMemo, useState } from 'react';
import { formatCount, formatMetric } from '../util/formatNumber.js';
import { ModelDownloadLink } from './ModelDownloadLink.js';
import { SortableHead } from './SortableHead.js';

const architecture = (m: ModelSummary) =>
  m.params.mode === 'linear'
    ? 'linear'
    : `${m.params.numHiddenLayers}×${m.params.hiddenDim}${m.params.dropout ? `, dropout ${m.params.dropout}` : ''}`;

/** Where a model came from in words: its sweep and run number, its run's id, or a run since deleted. */
function origin(m: ModelSummary): string {
  if (m.run) {
    const n = runNumber(m.run);
    return n !== undefined
      ? `sweep ${m.run.sweepId?.slice(0, 8)} · run #${n}`
      : `run ${m.run.id.slice(0, 8)}`;
  }
  return m.runId ? `run ${m.runId.slice(0, 8)} (deleted)` : 'no run recorded';
}

const COLUMNS: ColumnDef<ModelSummary>[] = [
  {
    id: 'model',
    header: 'Model',
    accessorFn: (m) => m.modelId,
    cell: (c) => <code>{c.getValue<string>()}</code>,
  },
  { id: 'dataset', header: 'Dataset', accessorFn: (m) => m.datasetId },
  { id: 'framework', header: 'Framework', accessorFn: (m) => m.framework },
  { id: 'kind', header: 'Kind', accessorFn: (m) => m.kind },
  { id: 'architecture', header: 'Architecture', accessorFn: architecture },
  {
    id: 'score',
    header: 'Score',
    accessorFn: (m) => m.metric_score,
    cell: (c) => `${c.row.original.metric_name} ${formatMetric(c.row.original.metric_score)}`,
  },
  {
    id: 'parameters',
    header: 'Parameters',
    accessorFn: (m) => m.parameterCount,
    cell: (c) => formatCount(c.row.original.parameterCount),
  },
  {
    id: 'run',
    header: 'From',
    accessorFn: origin,
    cell: (c) => <span title={c.row.original.runId}>{origin(c.row.original)}</span>,
  },
  {
    id: 'teacher',
    header: 'Teacher',
    accessorFn: (m) => m.teacherModelId,
    sortUndefined: 'last',
    cell: (c) => (c.row.original.teacherModelId ? <code>{c.row.original.teacherModelId}</code> : ''),
  },
  {
    id: 'created',
    header: 'Created',
    accessorFn: (m) => m.createdAt,
    cell: (c) => new Date(c.row.original.createdAt).toLocaleString('en-GB'),
  },
];

/**
 * Saved models as a sortable table: what each is (dataset, framework, architecture, score,
 * parameters), where it came from (sweep and run number, or the id of a run since deleted), its
 * teacher for a student; download under a name after dataset, framework and run, and `actions`.
 */
export function ModelTable(props: { models: ModelSummary[]; actions: (m: ModelSummary) => React.ReactNode }) {
  const { models, actions } = props;
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(() => COLUMNS, []);
  const table = useReactTable({
    data: models,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (m) => m.modelId,
  });
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="sr-only">Saved models</caption>
        <SortableHead table={table} actions />
        <tbody>
          {table.getRowModel().rows.map((r) => (
            <tr key={r.id}>
              {r.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
              <td className="sticky-actions">
                <div className="actions">
                  <ModelDownloadLink
                    modelId={r.original.modelId}
                    fileName={modelArchiveName(r.original)}
                    ariaLabel={`Download model ${r.original.modelId}`}
                  />
                  {actions(r.original)}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

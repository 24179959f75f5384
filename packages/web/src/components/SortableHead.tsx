import { flexRender, type Table } from '@tanstack/react-table';

/**
 * A table head whose column headers are sort buttons (▲/▼, aria-sort), with an optional trailing
 * "Actions" header that stays in view (the RunTable and the ModelTable) and an optional unsortable
 * leading one (the RunTable's Compare checkboxes).
 */
export function SortableHead<T>(props: { table: Table<T>; actions?: boolean; leading?: string }) {
  return (
    <thead>
      {props.table.getHeaderGroups().map((g) => (
        <tr key={g.id}>
          {props.leading && <th scope="col">{props.leading}</th>}
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
                  <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                </button>
              </th>
            );
          })}
          {props.actions && (
            <th scope="col" className="sticky-actions">
              Actions
            </th>
          )}
        </tr>
      ))}
    </thead>
  );
}

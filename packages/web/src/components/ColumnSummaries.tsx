import type { ColumnSummary, DatasetSummary } from '@trainyard/core';

const shown = (v: number | undefined) => (v === undefined ? 'n/a' : String(Number(v.toPrecision(6))));

/** A histogram as a row of bars, tall as their share of the tallest bin. */
function Histogram(props: { counts: number[]; label: string }) {
  const top = Math.max(1, ...props.counts);
  return (
    <span className="histogram" role="img" aria-label={props.label}>
      {props.counts.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: bins are positional and fixed in number
        <span key={i} style={{ height: `${Math.max(4, (c / top) * 100)}%` }} title={String(c)} />
      ))}
    </span>
  );
}

function Detail(props: { column: ColumnSummary }) {
  const c = props.column;
  if (c.type === 'number') {
    return (
      <>
        {shown(c.min)} – {shown(c.max)} (mean {shown(c.mean)})
        {c.histogram && <Histogram counts={c.histogram} label={`Histogram of ${c.name}`} />}
      </>
    );
  }
  const top = (c.categories ?? []).map((k) => `${k.value} (${k.count})`).join(', ');
  const more = (c.distinct ?? 0) - (c.categories?.length ?? 0);
  return (
    <>
      {c.distinct} categories: {top}
      {more > 0 ? `, +${more} more` : ''}
    </>
  );
}

/** One line per column: type, missing cells, range and histogram or the most frequent categories. */
export function ColumnSummaries(props: { summary: DatasetSummary }) {
  return (
    <div className="table-scroll">
      <table className="data-table column-summaries">
        <caption className="muted">
          Columns
          {props.summary.sampledRows !== undefined &&
            ` (over the first ${props.summary.sampledRows.toLocaleString('en')} rows)`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">Missing</th>
            <th scope="col">Values</th>
          </tr>
        </thead>
        <tbody>
          {props.summary.columns.map((c) => (
            <tr key={c.name}>
              <th scope="row">
                {c.name}
                {c.role === 'target' ? ' (target)' : ''}
              </th>
              <td>{c.type}</td>
              <td>{c.missing.toLocaleString('en')}</td>
              <td>
                <Detail column={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

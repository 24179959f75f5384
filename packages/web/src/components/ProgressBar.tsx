/** Sweep progress as `done / total`, exposed as an ARIA progressbar. */
export function ProgressBar(props: { done: number; total: number; label?: string }) {
  const { done, total, label = 'Sweep progress' } = props;
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={`${done} / ${total}`}
    >
      <div className="progress-fill" style={{ width: `${pct}%` }} />
      <span className="progress-text">
        {done} / {total}
      </span>
    </div>
  );
}

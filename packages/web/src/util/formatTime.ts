/** A stored ISO time as the reader's local date and time, to the minute. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? '—'
    : d.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

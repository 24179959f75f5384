/** A short, printable rendering of any input for an error message (never a huge body). */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let shown: string;
  try {
    shown = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    // Too deep (or cyclic) to serialise: String() of a nested array recurses just as deep, so
    // name the kind of value instead.
    shown = Array.isArray(value)
      ? 'an array'
      : typeof value === 'object' && value !== null
        ? 'an object'
        : safeString(value);
  }
  return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}

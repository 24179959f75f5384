type Cell = string | number | boolean | null | undefined;

function quote(cell: Cell): string {
  const text = cell === null || cell === undefined ? '' : String(cell);
  // RFC 4180: quote when the cell holds a delimiter, a quote or a line break; double inner quotes.
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Serialises a header and rows as RFC 4180 CSV (CRLF line ends, as spreadsheets expect).
 *
 * @example toCsv(['a', 'b'], [[1, 'x,y']]) // 'a,b\r\n1,"x,y"\r\n'
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return `${[header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

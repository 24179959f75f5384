import Table from 'cli-table3';

/**
 * A cli-table3 table whose own colouring is off: cells arrive already coloured (or not) by
 * picocolors, which honours NO_COLOR and non-TTY output.
 */
export function renderTable(head: string[], rows: string[][]): string {
  const table = new Table({ head, style: { head: [], border: [] } });
  table.push(...rows);
  return table.toString();
}

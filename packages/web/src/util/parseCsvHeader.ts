/**
 * The column names of a CSV file's first record (RFC 4180 quoting), so the user can pick the
 * target before uploading. Only the header is read; the server parses and checks the whole file.
 *
 * @example parseCsvHeader('a,"b,c"\n1,2') // ['a', 'b,c']
 */
export function parseCsvHeader(text: string): string[] {
  const names: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      names.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') break;
    else cell += ch;
  }
  names.push(cell.trim());
  return names.length === 1 && names[0] === '' ? [] : names;
}

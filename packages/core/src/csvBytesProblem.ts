/**
 * Why some bytes cannot be a text CSV, judged before any parsing, so an image or a workbook is
 * refused as "not a text CSV" instead of being read as a header of garbage columns. The server's
 * import and the web's file picker ask the same question here.
 */

/** File signatures users pick by mistake, with what to call them. */
const SIGNATURES: Array<[bytes: number[], what: string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an Excel .xlsx workbook?)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel .xls workbook'],
  [[0x1f, 0x8b], 'a gzip archive'],
];

/** Bytes looked at for control characters: enough to catch a binary file, cheap on a large one. */
const SNIFF_BYTES = 8192;

/**
 * A user-safe reason `bytes` (a whole file, or its first kilobytes) are not a text CSV, or
 * undefined when they may be one. NUL bytes are left to the decoder, which tells UTF-16 apart.
 *
 * @example csvBytesProblem(new Uint8Array([0x89, 0x50, 0x4e, 0x47])) // 'The file is not a text CSV: it looks like a PNG image…'
 */
export function csvBytesProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0)
    return 'The CSV file is empty: pick a file with a header row and at least one data row';
  // A UTF-16 byte-order mark: text, decoded elsewhere.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  for (const [signature, what] of SIGNATURES) {
    if (signature.every((b, i) => bytes[i] === b)) {
      return `The file is not a text CSV: it looks like ${what}; export it as "CSV UTF-8" and upload that`;
    }
  }
  const end = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b !== 0 && isControl(b)) {
      const hex = b.toString(16).padStart(2, '0');
      return `The file is not a text CSV: byte ${i + 1} is the control character 0x${hex} (a binary file?)`;
    }
  }
  return undefined;
}

/** C0 controls and DEL, except the whitespace a CSV may hold (tab, newline, form feed, return). */
const isControl = (b: number) =>
  (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f;

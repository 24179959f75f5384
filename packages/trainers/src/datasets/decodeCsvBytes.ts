import { csvBytesProblem, MlApiError } from '@trainyard/core';

const field = 'file';

/**
 * The text of an uploaded CSV file. UTF-8 (with or without a byte-order mark) is read as is;
 * UTF-16 with a byte-order mark (what Excel's "Unicode text" and PowerShell write) is converted;
 * anything else is refused as "not UTF-8 text" rather than parsed into nonsense such as
 * "Line 14 has 1 value". An empty file, an image, a workbook or another binary file is refused
 * first, as "not a text CSV" (core's csvBytesProblem, which the web's file picker asks too).
 *
 * @example decodeCsvBytes(Buffer.from('\ufeffa,b\n', 'utf16le')) // 'a,b\n' (after the BOM: 0xFF 0xFE)
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  const problem = csvBytesProblem(bytes);
  if (problem) throw new MlApiError('VALIDATION', problem, { field });
  const [b0, b1, b2] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return decode('utf-16le', bytes.subarray(2), 'UTF-16');
  if (b0 === 0xfe && b1 === 0xff) return decode('utf-16be', bytes.subarray(2), 'UTF-16');
  const body = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? bytes.subarray(3) : bytes;
  // NUL is valid UTF-8 but never in a text CSV: it is UTF-16 without its byte-order mark, or binary.
  const nul = body.indexOf(0);
  if (nul !== -1) {
    throw new MlApiError(
      'VALIDATION',
      `The CSV file is not UTF-8 text: byte ${nul + 1} is a NUL (UTF-16 without a byte-order mark, or not a text file); save it as "CSV UTF-8" and upload it again`,
      { field },
    );
  }
  return decode('utf-8', body, 'UTF-8');
}

function decode(encoding: string, bytes: Uint8Array, shownEncoding: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new MlApiError(
      'VALIDATION',
      shownEncoding === 'UTF-8'
        ? 'The CSV file is not UTF-8 text (Latin-1, Windows-1252 or a binary file?); save it as "CSV UTF-8" and upload it again'
        : 'The CSV file starts with a UTF-16 byte-order mark but is not valid UTF-16 text; save it as "CSV UTF-8" and upload it again',
      { field },
    );
  }
}

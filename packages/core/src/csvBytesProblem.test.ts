import { describe, expect, it } from 'vitest';
import { csvBytesProblem } from './csvBytesProblem.js';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('csvBytesProblem', () => {
  it('refuses a PNG, an xlsx workbook and a PDF as "not a text CSV", naming what they look like', () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d);
    expect(csvBytesProblem(png)).toMatch(/^The file is not a text CSV: it looks like a PNG image/);
    expect(csvBytesProblem(bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toMatch(/ZIP archive \(an Excel \.xlsx/);
    expect(csvBytesProblem(text('%PDF-1.7\n'))).toMatch(/PDF document/);
  });

  it('refuses other binary bytes by the first control character', () => {
    expect(csvBytesProblem(bytes(0x61, 0x2c, 0x62, 0x0a, 0x01, 0x02))).toBe(
      'The file is not a text CSV: byte 5 is the control character 0x01 (a binary file?)',
    );
  });

  it('says an empty file is empty', () => {
    expect(csvBytesProblem(new Uint8Array())).toMatch(/^The CSV file is empty/);
  });

  it('passes text CSVs: tabs, CRLF, UTF-8, a UTF-16 byte-order mark, and NULs (left to the decoder)', () => {
    expect(csvBytesProblem(text('a,b\tc\r\n1,é\r\n'))).toBeUndefined();
    expect(csvBytesProblem(bytes(0xff, 0xfe, 0x61, 0))).toBeUndefined();
    expect(csvBytesProblem(bytes(0x61, 0, 0x2c, 0))).toBeUndefined();
  });
});

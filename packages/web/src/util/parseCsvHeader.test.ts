import { describe, expect, it } from 'vitest';
import { parseCsvHeader } from './parseCsvHeader.js';

describe('parseCsvHeader', () => {
  it('reads the first record only, honouring quotes and doubled quotes', () => {
    expect(parseCsvHeader('a,"b,c","say ""x"""\r\n1,2,3\n')).toEqual(['a', 'b,c', 'say "x"']);
  });

  it('strips a byte-order mark and surrounding spaces', () => {
    expect(parseCsvHeader('\uFEFF sepal , label\n')).toEqual(['sepal', 'label']);
  });

  it('returns no columns for an empty file', () => {
    expect(parseCsvHeader('')).toEqual([]);
  });
});

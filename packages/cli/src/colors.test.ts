import { describe, expect, it } from 'vitest';
import { colorsFor } from './colors.js';

describe('colorsFor', () => {
  it('colours on a terminal', () => {
    expect(colorsFor({ isTTY: true, env: {} }).red('x')).not.toBe('x');
  });

  it('writes plain text when not a terminal or when NO_COLOR is set', () => {
    expect(colorsFor({ isTTY: false, env: {} }).red('x')).toBe('x');
    expect(colorsFor({ isTTY: true, env: { NO_COLOR: '1' } }).red('x')).toBe('x');
  });
});

import { describe, expect, it } from 'vitest';
import { showValue } from './showValue.js';

/** `[[[...]]]` nested `depth` levels, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('showValue', () => {
  it('shows short values as JSON and cuts long ones', () => {
    expect(showValue('x')).toBe('"x"');
    expect(showValue(undefined)).toBe('nothing');
    expect(showValue({ a: 'b'.repeat(100) })).toHaveLength(60);
  });

  it('names a value too deep to serialise instead of overflowing the stack', () => {
    expect(showValue(nested(200_000))).toBe('an array');
    let deepObject: Record<string, unknown> = {};
    for (let i = 0; i < 200_000; i++) deepObject = { a: deepObject };
    expect(showValue(deepObject)).toBe('an object');
  });
});

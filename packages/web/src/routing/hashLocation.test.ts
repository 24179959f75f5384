import { describe, expect, it } from 'vitest';
import { hashOf, parseHashLocation } from './hashLocation.js';

describe('hash locations', () => {
  it('reads the page, the sweep and the parameters of a shared URL', () => {
    expect(parseHashLocation('#/sweeps/s1?run=2&tag=lr')).toEqual({
      route: 'sweeps',
      id: 's1',
      params: { run: '2', tag: 'lr' },
    });
    expect(parseHashLocation('#/sweeps')).toEqual({ route: 'sweeps', params: {} });
  });

  it('writes one URL per view: parameters sorted, empty ones left out, and reads it back', () => {
    const hash = hashOf({ route: 'sweeps', id: 'a b', params: { tag: 'lr', status: '', run: '3' } });
    expect(hash).toBe('#/sweeps/a%20b?run=3&tag=lr');
    expect(parseHashLocation(hash)).toEqual({ route: 'sweeps', id: 'a b', params: { run: '3', tag: 'lr' } });
  });
});

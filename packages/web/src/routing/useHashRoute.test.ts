import { describe, expect, it } from 'vitest';
import { routeFromHash } from './useHashRoute.js';

describe('routeFromHash', () => {
  it('maps known hashes to their page', () => {
    expect(routeFromHash('#/pytorch')).toBe('pytorch');
    expect(routeFromHash('#tensorflow')).toBe('tensorflow');
    expect(routeFromHash('#/models/abc')).toBe('models');
  });

  it('sends unknown or empty hashes to the datasets page', () => {
    expect(routeFromHash('')).toBe('datasets');
    expect(routeFromHash('#/nope')).toBe('datasets');
  });
});

import { afterAll, beforeAll } from 'vitest';

/**
 * jsdom has no layout: gives every element of the current describe block a size, so a virtualiser
 * has a viewport to fill (restored after the block).
 */
export function giveLayoutSizes(
  sizes: Record<'clientHeight' | 'clientWidth' | 'offsetHeight' | 'offsetWidth', number>,
): void {
  const originals = Object.keys(sizes).map(
    (k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)] as const,
  );
  beforeAll(() => {
    for (const [k, v] of Object.entries(sizes))
      Object.defineProperty(HTMLElement.prototype, k, { configurable: true, value: v });
  });
  afterAll(() => {
    for (const [k, d] of originals) if (d) Object.defineProperty(HTMLElement.prototype, k, d);
  });
}

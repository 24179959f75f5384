import { describe, expect, it } from 'vitest';
import type { SweepRecord } from './studioTypes.js';
import { sweepToReattach } from './sweepStatus.js';

const sweep = (id: string, framework: string, status: string) =>
  ({ id, status, fields: { framework } }) as unknown as SweepRecord;

describe('sweepToReattach', () => {
  const sweeps = [
    sweep('tf', 'tensorflow', 'running'),
    sweep('new', 'pytorch', 'completed'),
    sweep('live', 'pytorch', 'running'),
    sweep('old', 'pytorch', 'cancelled'),
  ];

  it('prefers the newest running sweep of the page’s framework over the one last seen', () => {
    expect(sweepToReattach(sweeps, 'pytorch', 'old')?.id).toBe('live');
  });

  it('falls back to the sweep this browser last followed, else none', () => {
    const ended = sweeps.filter((s) => s.id !== 'live');
    expect(sweepToReattach(ended, 'pytorch', 'old')?.id).toBe('old');
    expect(sweepToReattach(ended, 'pytorch', null)).toBeUndefined();
    expect(sweepToReattach(ended, 'pytorch', 'tf')).toBeUndefined();
  });
});

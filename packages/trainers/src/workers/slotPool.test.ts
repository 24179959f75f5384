import { describe, expect, it } from 'vitest';
import { SlotPool } from './slotPool.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('SlotPool', () => {
  it('runs at most `size` jobs at once and starts queued jobs in arrival order', async () => {
    const pool = new SlotPool<string>(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const jobs = gates.map((gate, i) =>
      pool.run(undefined, async (slot) => {
        started.push(i);
        await gate.promise;
        return slot.index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(pool.queued).toBe(2);
    gates[1]!.resolve();
    await jobs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(jobs)).toEqual([0, 1, 1, 0]);
  });

  it('keeps the state a job left on its slot for the next job', async () => {
    const pool = new SlotPool<string>(1);
    await pool.run(undefined, async (slot) => {
      slot.state = 'warm';
    });
    expect(await pool.run(undefined, async (slot) => slot.state)).toBe('warm');
  });

  it('frees the slot when a job throws', async () => {
    const pool = new SlotPool<string>(1);
    await expect(pool.run(undefined, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await pool.run(undefined, async () => 'next')).toBe('next');
  });

  it('drops a queued job whose signal aborts, with CANCELLED', async () => {
    const pool = new SlotPool<string>(1);
    const gate = deferred();
    const busy = pool.run(undefined, () => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const queued = pool.run(controller.signal, async () => {
      ran = true;
    });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'CANCELLED', message: 'Training cancelled' });
    expect(pool.queued).toBe(0);
    gate.resolve();
    await busy;
    expect(ran).toBe(false);
  });

  it('rejects an already aborted signal at once', async () => {
    const pool = new SlotPool<string>(1);
    await expect(pool.run(AbortSignal.abort(), async () => 1)).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new SlotPool(0)).toThrow('SlotPool size must be a positive integer, got 0');
  });
});

import { describe, expect, it } from 'vitest';
import { createProgressFanout, type ProgressHooks } from './progressFanout.js';
import { combination } from './testFixtures.js';
import type { EpochEvent, RunRow } from './types.js';

const epoch = (n: number, of = 10): EpochEvent => ({
  epoch: n,
  epochs: of,
  train_loss: 1 / n,
  test_loss: 1 / n,
});

const recorder = (log: string[], name: string): ProgressHooks => ({
  onRunStart: (i) => {
    log.push(`${name} start ${i}`);
  },
  onEpochEnd: (i, e) => {
    log.push(`${name} epoch ${i}:${e.epoch}`);
  },
  onRunEnd: async (i) => {
    log.push(`${name} end ${i}`);
  },
});

describe('createProgressFanout', () => {
  it('forwards every hook to every listener, including ones added later, until removed', async () => {
    const log: string[] = [];
    const fanout = createProgressFanout([recorder(log, 'ui')], { epochThrottleMs: 0 });
    const remove = fanout.add(recorder(log, 'sse'));
    await fanout.onRunStart(0, combination(1));
    fanout.onEpochEnd(0, epoch(1));
    remove();
    await fanout.onRunEnd(0, {} as RunRow);
    expect(log).toEqual(['ui start 0', 'sse start 0', 'ui epoch 0:1', 'sse epoch 0:1', 'ui end 0']);
  });

  it('awaits async listeners before the run goes on', async () => {
    let finished = false;
    const fanout = createProgressFanout([
      {
        onRunEnd: async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          finished = true;
        },
      },
    ]);
    await fanout.onRunEnd(0, {} as RunRow);
    expect(finished).toBe(true);
  });

  it('throttles epoch events per run but always passes the first and the last', () => {
    let t = 0;
    const seen: string[] = [];
    const fanout = createProgressFanout([{ onEpochEnd: (i, e) => seen.push(`${i}:${e.epoch}`) }], {
      epochThrottleMs: 100,
      now: () => t,
    });
    for (let n = 1; n <= 10; n++) {
      t = n * 30;
      fanout.onEpochEnd(0, epoch(n));
    }
    fanout.onEpochEnd(1, epoch(1));
    // t=30 first; 60,90,120 within 100ms of 30; 150 passes; ...; 300 is the last epoch.
    expect(seen).toEqual(['0:1', '0:5', '0:9', '0:10', '1:1']);
  });
});

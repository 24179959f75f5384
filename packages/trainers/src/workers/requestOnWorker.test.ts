import type { EpochEvent } from '@trainyard/core';
import { describe, expect, it } from 'vitest';
import type { EngineWorker, WorkerMessage } from './engineWorker.js';
import { requestOnWorker } from './requestOnWorker.js';

/** A worker whose answers the test writes; `stop()` records itself and ends like a real stop. */
function fakeWorker() {
  const listeners = new Set<(m: WorkerMessage) => void>();
  const sent: unknown[] = [];
  const events: string[] = [];
  const worker: EngineWorker<unknown> & { say(m: WorkerMessage): void } = {
    alive: true,
    start: async () => {},
    send: (request) => {
      sent.push(request);
    },
    on: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: async () => {
      events.push('stopped');
    },
    interrupt: () => {
      events.push('interrupted');
    },
    acknowledge: (seq, ack) => {
      events.push(`ack ${seq} prune [${ack.prune.join(',')}]`);
    },
    say: (m) => {
      for (const listener of [...listeners]) listener(m);
    },
  };
  return { worker, sent, events, listeners };
}

describe('requestOnWorker', () => {
  it('forwards this request’s epochs and settles with its result, ignoring other ids', async () => {
    const { worker, listeners } = fakeWorker();
    const epochs: EpochEvent[] = [];
    const answer = requestOnWorker(
      worker,
      { x: 1 },
      { id: 'a', log: () => {}, onEpoch: (e) => epochs.push(e) },
    );
    worker.say({ type: 'epoch', id: 'b', epoch: 1, epochs: 2, train_loss: 9, test_loss: 9 });
    worker.say({ type: 'epoch', id: 'a', epoch: 1, epochs: 2, train_loss: 1, test_loss: 2 });
    worker.say({ type: 'result', id: 'b', result: 'other' });
    worker.say({ type: 'result', id: 'a', result: 'mine' });
    expect(await answer).toBe('mine');
    expect(epochs).toEqual([{ epoch: 1, epochs: 2, train_loss: 1, test_loss: 2 }]);
    expect(listeners.size).toBe(0);
  });

  it('forwards the validation loss and score of an epoch', async () => {
    const { worker } = fakeWorker();
    const epochs: EpochEvent[] = [];
    const answer = requestOnWorker(worker, {}, { id: 'a', log: () => {}, onEpoch: (e) => epochs.push(e) });
    const event = { epoch: 1, epochs: 2, train_loss: 1, test_loss: 2, val_loss: 0.5, val_score: 0.9 };
    worker.say({ type: 'epoch', id: 'a', ...event });
    worker.say({ type: 'result', id: 'a', result: 'done' });
    await answer;
    expect(epochs).toEqual([event]);
  });

  it('acknowledges an epochDone after the epoch events, with the prunes asked while handling them', async () => {
    const { worker, events } = fakeWorker();
    const prune = new AbortController();
    const answer = requestOnWorker(
      worker,
      {},
      {
        id: 'a',
        log: () => {},
        prune: prune.signal,
        prunedMembers: () => (prune.signal.aborted ? [0] : []),
        onEpoch: (e) => {
          if (e.epoch === 2) prune.abort();
        },
      },
    );
    for (const epoch of [1, 2]) {
      worker.say({ type: 'epoch', id: 'a', epoch, epochs: 5, train_loss: 1, test_loss: 1 });
      worker.say({ type: 'epochDone', id: 'b', seq: epoch });
      worker.say({ type: 'epochDone', id: 'a', seq: epoch });
    }
    worker.say({ type: 'result', id: 'a', result: 'pruned at 2' });
    expect(await answer).toBe('pruned at 2');
    expect(events).toEqual(['ack 1 prune []', 'interrupted', 'ack 2 prune [0]']);
  });

  it('interrupts the worker when prune fires, and settles with the answer it then sends', async () => {
    const { worker, events } = fakeWorker();
    const prune = new AbortController();
    const answer = requestOnWorker(worker, {}, { id: 'a', log: () => {}, prune: prune.signal });
    prune.abort();
    expect(events).toEqual(['interrupted']);
    worker.say({ type: 'result', id: 'a', result: 'pruned at 1' });
    expect(await answer).toBe('pruned at 1');
    prune.abort();
    expect(events).toEqual(['interrupted']);
  });

  it.each([
    [{ code: 'VALIDATION', field: 'epochs', message: 'Invalid epochs: 0 (an integer ≥ 1)' }, 'VALIDATION'],
    [{ code: 'TRAINING_FAILED', message: 'Training diverged' }, 'TRAINING_FAILED'],
    [{ code: 'WORKER_FAILED', message: 'TensorFlow training failed unexpectedly' }, 'TRAINING_FAILED'],
    [{ code: 'WORKER_EXITED', message: 'x exited unexpectedly (code 137)' }, 'TRAINING_FAILED'],
    [{ code: 'WORKER_STOPPED', message: 'x was stopped' }, 'CANCELLED'],
    [{ code: 'BAD_REQUEST', message: 'Malformed request' }, 'INTERNAL'],
    [{ code: 'SOMETHING_NEW', message: 'from a newer worker' }, 'INTERNAL'],
  ])('turns a worker error %j into %s', async (error, code) => {
    const { worker } = fakeWorker();
    const answer = requestOnWorker(worker, {}, { id: 'a', log: () => {} });
    worker.say({ type: 'error', id: 'a', ...error } as WorkerMessage);
    const err = (await answer.catch((e: unknown) => e)) as { field?: string };
    expect(err).toMatchObject({ name: 'MlApiError', code });
    if ('field' in error) expect(err.field).toBe(error.field);
  });

  it('reports a worker that died under the run with the engine’s crash text and logs the detail', async () => {
    const { worker } = fakeWorker();
    const logged: string[] = [];
    const answer = requestOnWorker(
      worker,
      {},
      { id: 'a', log: (m) => logged.push(m), crashed: 'It crashed' },
    );
    worker.say({ type: 'error', code: 'WORKER_EXITED', message: 'exited (code 70)', detail: 'stack' });
    await expect(answer).rejects.toMatchObject({ code: 'TRAINING_FAILED', message: 'It crashed' });
    expect(logged).toEqual(['exited (code 70)', 'stack']);
  });

  it('stops a worker that failed unexpectedly before rejecting, so its slot gets a fresh one', async () => {
    const { worker, events } = fakeWorker();
    const answer = requestOnWorker(worker, {}, { id: 'a', log: () => {} });
    worker.say({ type: 'error', id: 'a', code: 'WORKER_FAILED', message: 'out of memory' });
    await answer.catch((e) => events.push(`rejected ${e.code}`));
    expect(events).toEqual(['stopped', 'rejected TRAINING_FAILED']);
  });

  it('stops the worker on abort and rejects with CANCELLED once it is gone', async () => {
    const { worker, events } = fakeWorker();
    const controller = new AbortController();
    const answer = requestOnWorker(worker, {}, { id: 'a', log: () => {}, signal: controller.signal });
    controller.abort();
    await answer.catch((e) => events.push(`rejected ${e.code}: ${e.message}`));
    expect(events).toEqual(['stopped', 'rejected CANCELLED: Training cancelled']);
  });

  it('fails as a crash, leaving no listener behind, when the worker died before the send', async () => {
    const { worker, listeners } = fakeWorker();
    worker.send = () => {
      throw new Error('Test worker is not running; call start() first');
    };
    const answer = requestOnWorker(worker, {}, { id: 'a', log: () => {}, crashed: 'It crashed' });
    await expect(answer).rejects.toMatchObject({ code: 'TRAINING_FAILED', message: 'It crashed' });
    expect(listeners.size).toBe(0);
  });

  it('sends nothing and keeps the warm worker when the signal is already aborted', async () => {
    const { worker, sent, events } = fakeWorker();
    const answer = requestOnWorker(worker, {}, { id: 'a', log: () => {}, signal: AbortSignal.abort() });
    await expect(answer).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(sent).toEqual([]);
    expect(events).toEqual([]);
  });
});

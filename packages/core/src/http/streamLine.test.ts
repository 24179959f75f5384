import { describe, expect, it } from 'vitest';
import type { SweepEvent } from '../studioTypes.js';
import { toSweepEvent } from './createHttpStudioClient.js';
import { readLines } from './readLines.js';
import {
  encodeStreamLine,
  encodeStreamMessage,
  readServerSentEvents,
  type StreamLine,
} from './streamLine.js';

const bodyOf = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode(text));
      c.close();
    },
  });

describe('the stream contract', () => {
  it('reads back every SSE message the server writes as the same event', async () => {
    const events: SweepEvent[] = [
      { type: 'progress', done: 1, total: 2, failed: 0, cancelled: 1, interrupted: 0, stopped: 0 },
      { type: 'epoch', combinationIndex: 0, epoch: 1, epochs: 2, train_loss: 0.5, test_loss: 0.6 },
      { type: 'done', status: 'completed' },
    ];
    const read: Array<SweepEvent | undefined> = [];
    const body = bodyOf(`: stream open\n\n${events.map((e) => encodeStreamMessage('sse', e)).join('')}`);
    for await (const m of readServerSentEvents(body)) read.push(toSweepEvent(m.event, m.data));
    expect(read).toEqual(events);
  });

  it('writes NDJSON lines that parse back to the StreamLine, the same as encodeStreamLine', async () => {
    const lines: StreamLine<{ ok: number }>[] = [
      { type: 'epoch', epoch: 1, epochs: 1, train_loss: 1, test_loss: 1 },
      { type: 'result', result: { ok: 1 } },
    ];
    const text = lines.map((l) => encodeStreamMessage('ndjson', l)).join('');
    expect(text).toBe(lines.map((l) => encodeStreamLine(l)).join(''));
    const parsed: unknown[] = [];
    for await (const line of readLines(bodyOf(text))) parsed.push(JSON.parse(line));
    expect(parsed).toEqual(lines);
  });
});

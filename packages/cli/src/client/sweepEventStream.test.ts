import type { SweepEvent } from '@trainyard/core';
import { describe, expect, it } from 'vitest';
import { storedRun } from '../testing/fakeStudioClient.js';
import { readSweepEvents, toSweepEvent } from './sweepEventStream.js';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('readSweepEvents', () => {
  it('parses events split across chunks and resolves with the done status', async () => {
    const row = storedRun();
    const text =
      `event: progress\ndata: {"done":0,"total":2}\n\n` +
      `event: row\ndata: ${JSON.stringify({ row })}\n\n` +
      `event: done\ndata: {"status":"completed"}\n\n`;
    const chunks = [text.slice(0, 7), text.slice(7, 50), text.slice(50, 51), text.slice(51)];
    const events: SweepEvent[] = [];
    const status = await readSweepEvents(streamOf(chunks), (e) => events.push(e));
    expect(status).toBe('completed');
    expect(events).toEqual([
      { type: 'progress', done: 0, total: 2 },
      { type: 'row', row },
      { type: 'done', status: 'completed' },
    ]);
  });

  it('resolves undefined when the stream ends without done', async () => {
    const status = await readSweepEvents(
      streamOf(['event: progress\ndata: {"done":1,"total":2}\n\n']),
      () => {},
    );
    expect(status).toBeUndefined();
  });
});

describe('toSweepEvent', () => {
  it('takes the type from the data when the event has no name, and ignores unknown names', () => {
    expect(toSweepEvent(undefined, '{"type":"done","status":"cancelled"}')).toEqual({
      type: 'done',
      status: 'cancelled',
    });
    expect(toSweepEvent('ping', '{}')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { readLines } from './readLines.js';

const streamOf = (chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });

const collect = async (body: ReadableStream<Uint8Array>) => {
  const lines: string[] = [];
  for await (const line of readLines(body)) lines.push(line);
  return lines;
};

describe('readLines', () => {
  it('reassembles lines and multi-byte characters split across chunks, skipping blank lines', async () => {
    const bytes = new TextEncoder().encode('{"a":"é"}\n\n{"b":2}\n{"c":3}');
    // Split inside the two-byte 'é' (bytes 6-7).
    const lines = await collect(streamOf([bytes.slice(0, 7), bytes.slice(7, 12), bytes.slice(12)]));
    expect(lines).toEqual(['{"a":"é"}', '{"b":2}', '{"c":3}']);
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('line\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const _line of readLines(body)) break;
    expect(cancelled).toBe(true);
  });
});

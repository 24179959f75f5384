import type { SweepEvent, SweepStatus } from '@trainyard/core';
import { createParser } from 'eventsource-parser';

const EVENT_TYPES = new Set(['progress', 'row', 'epoch', 'done']);

/** Turns one SSE message (event name + JSON data) into a SweepEvent; unknown names give undefined. */
export function toSweepEvent(event: string | undefined, data: string): SweepEvent | undefined {
  const parsed = JSON.parse(data) as Record<string, unknown>;
  const type = event ?? (typeof parsed.type === 'string' ? parsed.type : undefined);
  if (!type || !EVENT_TYPES.has(type)) return undefined;
  return { ...parsed, type } as SweepEvent;
}

/**
 * Reads a `GET /api/sweeps/:id/events` body to its end, calling `onEvent` per event.
 * Resolves with the status of the `done` event, or undefined when the stream ended without one.
 */
export async function readSweepEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (e: SweepEvent) => void,
): Promise<SweepStatus | undefined> {
  let status: SweepStatus | undefined;
  const parser = createParser({
    onEvent(message) {
      const event = toSweepEvent(message.event, message.data);
      if (!event) return;
      if (event.type === 'done') status = event.status;
      onEvent(event);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (status) break;
  }
  return status;
}

import type { ErrorBody } from '../errors.js';
import type { EpochEvent } from '../types.js';
import { readAllLines } from './readLines.js';

/** Content type of a streamed training/distillation answer: one JSON object per line. */
export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';
/** Content type of server-sent events (training progress for EventSource, a sweep's events). */
export const SSE_CONTENT_TYPE = 'text/event-stream';

/** The two ways the server streams: one JSON object per line, or SSE messages. */
export type StreamFormat = 'ndjson' | 'sse';

/** The content type of each stream format. */
export const STREAM_CONTENT_TYPES: Record<StreamFormat, string> = {
  ndjson: NDJSON_CONTENT_TYPE,
  sse: SSE_CONTENT_TYPE,
};

/**
 * One line of a streamed answer: epoch events first, then exactly one `result` or `error` line.
 * The server writes these and the HTTP client reads them, so both use this type.
 */
export type StreamLine<R> =
  | ({ type: 'epoch' } & EpochEvent)
  | { type: 'result'; result: R }
  | ({ type: 'error' } & ErrorBody);

/**
 * The text of one line, newline included.
 *
 * @example reply.raw.write(encodeStreamLine({ type: 'epoch', epoch: 1, epochs: 10, train_loss: 0.9, test_loss: 1 }))
 */
export function encodeStreamLine<R>(line: StreamLine<R>): string {
  return encodeStreamMessage('ndjson', line);
}

/**
 * A tagged object (a StreamLine, a SweepEvent) in a stream format: NDJSON as one line, SSE as
 * `data:` under `event: <type>`. Both carry the same JSON, `type` included.
 *
 * @example encodeStreamMessage('sse', { type: 'done', status: 'completed' })
 * // 'event: done\ndata: {"type":"done","status":"completed"}\n\n'
 */
export function encodeStreamMessage(format: StreamFormat, message: { type: string }): string {
  const json = JSON.stringify(message);
  return format === 'sse' ? `event: ${message.type}\ndata: ${json}\n\n` : `${json}\n`;
}

/** One server-sent event: its name (when the server gave one) and its data. */
export interface ServerSentEvent {
  event?: string;
  data: string;
}

/**
 * The events of an SSE body as they arrive (comments and `id:`/`retry:` fields are skipped).
 *
 * @example for await (const { event, data } of readServerSentEvents(response.body)) ...
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  let event: string | undefined;
  let data: string[] = [];
  for await (const line of readAllLines(body)) {
    if (line === '') {
      if (data.length > 0)
        yield event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') };
      event = undefined;
      data = [];
      continue;
    }
    const colon = line.indexOf(':');
    if (colon === 0) continue;
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
}

import { PassThrough } from 'node:stream';
import {
  encodeStreamMessage,
  NDJSON_CONTENT_TYPE,
  SSE_CONTENT_TYPE,
  STREAM_CONTENT_TYPES,
  type StreamFormat,
} from '@trainyard/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type { StreamFormat };

/** What the client asked for: a stream of events (SSE or NDJSON) or one JSON body. */
export function streamFormat(request: FastifyRequest): StreamFormat | 'json' {
  const accept = request.headers.accept ?? '';
  if (accept.includes(SSE_CONTENT_TYPE)) return 'sse';
  if (accept.includes(NDJSON_CONTENT_TYPE)) return 'ndjson';
  return 'json';
}

/** A stream of tagged messages: core's `StreamLine` (training) or `SweepEvent` (a sweep). */
export interface EventStream<M extends { type: string }> {
  /** Writes one message; a no-op once the stream ended or the client left. */
  send(message: M): void;
  end(): void;
  /** True once the client disconnected or `end()` ran. */
  readonly closed: boolean;
  /** Runs when the client goes away before `end()`. */
  onClose(listener: () => void): void;
}

/**
 * Opens a streamed answer, written with core's `encodeStreamMessage` (the contract the clients
 * read): NDJSON one object per line, SSE as `data:` under `event: <type>`. The reply goes through
 * Fastify (so it is logged with its request id); a comment line every `heartbeatMs` keeps idle
 * proxies from closing an SSE stream.
 *
 * @example const stream = openEventStream<SweepEvent>(reply, 'sse'); stream.send({ type: 'done', status: 'completed' });
 */
export function openEventStream<M extends { type: string }>(
  reply: FastifyReply,
  format: StreamFormat,
  opts: { heartbeatMs?: number } = {},
): EventStream<M> {
  const body = new PassThrough();
  let closed = false;
  const closeListeners: Array<() => void> = [];
  const heartbeat =
    format === 'sse'
      ? setInterval(() => body.write(': ping\n\n'), opts.heartbeatMs ?? 15_000).unref()
      : undefined;

  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
  };
  // `close` on the response fires when the client disconnects (or after we ended).
  reply.raw.on('close', () => {
    const early = !closed;
    finish();
    if (early) for (const listener of closeListeners) listener();
  });

  reply
    .header('Content-Type', `${STREAM_CONTENT_TYPES[format]}; charset=utf-8`)
    .header('Cache-Control', 'no-cache, no-transform')
    .header('X-Accel-Buffering', 'no');
  void reply.send(body);
  if (format === 'sse') body.write(': stream open\n\n');

  return {
    send(message) {
      if (closed) return;
      // Through the app's serializer first: the same public form as every JSON reply (no absolute paths).
      body.write(encodeStreamMessage(format, JSON.parse(reply.serialize(message) as string) as M));
    },
    end() {
      if (closed) return;
      finish();
      body.end();
    },
    get closed() {
      return closed;
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
  };
}

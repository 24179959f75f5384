import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type StreamFormat = 'sse' | 'ndjson';

/** What the client asked for: a stream of events (SSE or NDJSON) or one JSON body. */
export function streamFormat(request: FastifyRequest): StreamFormat | 'json' {
  const accept = request.headers.accept ?? '';
  if (accept.includes('text/event-stream')) return 'sse';
  if (accept.includes('application/x-ndjson')) return 'ndjson';
  return 'json';
}

export interface EventStream {
  /** Writes one event; a no-op once the stream ended or the client left. */
  send(event: string, data: object): void;
  end(): void;
  /** True once the client disconnected or `end()` ran. */
  readonly closed: boolean;
  /** Runs when the client goes away before `end()`. */
  onClose(listener: () => void): void;
}

/**
 * Opens a streamed answer. Both formats carry the same JSON object `{"type":<name>,...data}`: NDJSON
 * one per line, SSE as `data:` under `event: <name>`. The reply goes through Fastify (so it is logged with its
 * request id); a comment line every `heartbeatMs` keeps idle proxies from closing an SSE stream.
 */
export function openEventStream(
  reply: FastifyReply,
  format: StreamFormat,
  opts: { heartbeatMs?: number } = {},
): EventStream {
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
    .header(
      'Content-Type',
      format === 'sse' ? 'text/event-stream; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    )
    .header('Cache-Control', 'no-cache, no-transform')
    .header('X-Accel-Buffering', 'no');
  void reply.send(body);
  if (format === 'sse') body.write(': stream open\n\n');

  return {
    send(event, data) {
      if (closed) return;
      const line = JSON.stringify({ type: event, ...data });
      body.write(format === 'sse' ? `event: ${event}\ndata: ${line}\n\n` : `${line}\n`);
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

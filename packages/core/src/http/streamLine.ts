import type { ErrorBody } from '../errors.js';
import type { EpochEvent } from '../types.js';

/** Content type of a streamed training/distillation answer: one JSON object per line. */
export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';

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
  return `${JSON.stringify(line)}\n`;
}

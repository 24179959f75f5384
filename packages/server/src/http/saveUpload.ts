import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { HttpError } from '../errors.js';

/** The 413 every upload path answers once the body passes the limit. */
export const tooLarge = (limit: number) =>
  new HttpError(
    'PAYLOAD_TOO_LARGE',
    `Upload is larger than the limit of ${limit} bytes (TRAINYARD_UPLOAD_LIMIT)`,
    {
      field: 'body',
    },
  );

/**
 * Streams a request body into `file` and rejects with 413 once it passes `limit` bytes. An
 * oversized body is still read (not written) up to twice the limit, so an ordinary client finishes
 * sending and can read the 413 instead of seeing a reset connection; past that it is cut off.
 * The caller removes the file.
 */
export async function saveUpload(
  body: AsyncIterable<Buffer>,
  file: string,
  opts: { limit: number },
): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  try {
    for await (const chunk of body) {
      bytes += chunk.length;
      if (bytes > 2 * opts.limit) break;
      if (bytes > opts.limit) continue;
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await finished(out);
  }
  if (bytes > opts.limit) throw tooLarge(opts.limit);
  return bytes;
}

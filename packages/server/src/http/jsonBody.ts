import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';

/** Deepest nesting of objects and arrays a JSON body may have; every real body has 2 or 3. */
export const MAX_JSON_DEPTH = 64;

/**
 * How deeply `text` nests `{` and `[` outside strings, stopping early past `limit`. A linear scan
 * before JSON.parse: a body of 5,000 nested arrays parses fine but overflows the stack of any
 * recursive code that later walks it (validation messages, serialisers).
 *
 * @example jsonDepth('{"a":[1,{"b":2}]}', 64) // 3
 */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * Replaces Fastify's JSON body parser with the same parser behind a depth limit: a body nested
 * deeper than MAX_JSON_DEPTH answers 400 VALIDATION naming the body.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      done(
        new HttpError(
          'VALIDATION',
          `Request body is nested more than ${MAX_JSON_DEPTH} levels deep; send a flat JSON object of the fields`,
          { field: 'body' },
        ),
        undefined,
      );
      return;
    }
    parse(request, text, done);
  });
}

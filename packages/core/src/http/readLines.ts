/**
 * Every line of a streamed body as it arrives, decoded as UTF-8, blank ones included (SSE ends a
 * message with one); a `\r` before the newline is dropped.
 */
export async function* readAllLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let finished = false;
  try {
    while (!finished) {
      const { done, value } = await reader.read();
      finished = done;
      buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = buffered.split('\n');
      buffered = done ? '' : (lines.pop() ?? '');
      for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
  } finally {
    // A consumer that leaves early (error line, abort) stops the download instead of draining it.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * The lines of a streamed body as they arrive, decoded as UTF-8; blank lines are skipped.
 *
 * @example for await (const line of readLines(response.body)) handle(JSON.parse(line));
 */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  for await (const line of readAllLines(body)) if (line.trim() !== '') yield line;
}

// The web-platform globals core may use, present in every browser and in Node 20. Core compiles without
// the DOM lib (no `document`, no `window`) and without @types/node (no `process`, no `Buffer`), so
// the compiler refuses anything else; `fetch` is deliberately absent: HTTP clients get it injected.
// Declared narrowly: in the web and Node packages these names resolve to their full types.

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

declare var AbortSignal: {
  prototype: AbortSignal;
  any(signals: AbortSignal[]): AbortSignal;
};

interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}

declare var AbortController: {
  prototype: AbortController;
  new (): AbortController;
};

interface ReadableStreamReadResult<T> {
  done: boolean;
  value?: T;
}

interface ReadableStreamDefaultReader<T> {
  read(): Promise<ReadableStreamReadResult<T>>;
  cancel(reason?: unknown): Promise<void>;
  releaseLock(): void;
}

interface ReadableStream<R = unknown> {
  getReader(): ReadableStreamDefaultReader<R>;
}

interface TextDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

declare var TextDecoder: {
  prototype: TextDecoder;
  new (): TextDecoder;
};

interface URLSearchParams {
  set(name: string, value: string): void;
  toString(): string;
}

declare var URLSearchParams: {
  prototype: URLSearchParams;
  new (init?: Record<string, string>): URLSearchParams;
};

declare function setTimeout(handler: () => void, ms: number): unknown;
declare function clearTimeout(id: unknown): void;

declare var crypto: { randomUUID(): string };

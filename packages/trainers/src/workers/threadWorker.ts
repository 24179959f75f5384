import { type ResourceLimits, type Transferable, Worker } from 'node:worker_threads';
import { type EngineWorker, WORKER_KILL_AFTER_MS, type WorkerMessage } from './engineWorker.js';
import { WorkerChannel } from './workerChannel.js';

export interface ThreadWorkerOptions<Req> {
  /** The worker entry: a built JavaScript file (worker threads cannot run TypeScript sources). */
  url: URL;
  /** Shown in crash messages and thread names, e.g. 'TensorFlow worker'. */
  name: string;
  workerData?: unknown;
  /** Buffers to move rather than copy for one request (they are detached on this side). */
  transfer?: (request: Req) => Transferable[];
  resourceLimits?: ResourceLimits;
  /**
   * Two shared Int32s (8 bytes) the entry also gets (in workerData): at STOP_FLAG, read between epochs,
   * interrupt() sets 1; at EPOCH_ACK acknowledge() stores the last acknowledged `epochDone` number, which
   * the entry waits on. The entry clears both when a request starts. Without it both do nothing.
   */
  stopBuffer?: SharedArrayBuffer;
}

/** The Int32 indexes in ThreadWorkerOptions.stopBuffer. */
export const STOP_FLAG = 0;
export const EPOCH_ACK = 1;

/**
 * EngineWorker over node:worker_threads. The entry posts `{ type: 'ready' }` once set up, then answers
 * requests with the WorkerMessage union. An uncaught exception or exit becomes a WORKER_EXITED `error`
 * message without `id`, and stop() a WORKER_STOPPED one, so whoever waits on a request learns it will
 * never be answered.
 *
 * @example
 * const w = new ThreadWorker<Req>({ url: new URL('./entry.js', import.meta.url), name: 'TF worker' });
 * await w.start(); w.on((m) => console.log(m)); w.send({ id: '1' });
 */
export class ThreadWorker<Req> implements EngineWorker<Req> {
  readonly #options: ThreadWorkerOptions<Req>;
  readonly #channel: WorkerChannel;
  #worker: Worker | undefined;
  #exited: Promise<void> = Promise.resolve();
  #lastError: string | undefined;

  constructor(options: ThreadWorkerOptions<Req>) {
    this.#options = options;
    // A warm but idle thread must not keep the host alive; one with a request in flight must.
    this.#channel = new WorkerChannel(options.name, (held) =>
      held ? this.#worker?.ref() : this.#worker?.unref(),
    );
  }

  get alive(): boolean {
    return this.#worker !== undefined;
  }

  get threadId(): number | undefined {
    return this.#worker?.threadId;
  }

  /** What the thread reported in its `ready` message. */
  get readyInfo(): Record<string, string | number | boolean> | undefined {
    return this.#channel.readyInfo;
  }

  /** Stack of the last uncaught exception in the thread, for the log (never shown to users). */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  start(): Promise<void> {
    if (this.#worker) return Promise.reject(new Error(`${this.#options.name} was already started`));
    const { url, name, workerData, resourceLimits } = this.#options;
    const worker = new Worker(url, {
      name,
      workerData,
      // Workers inherit the host's node flags, but `--input-type` (as in `node --input-type=module -e`)
      // is refused for a file entry and would kill the worker before it is ready.
      execArgv: process.execArgv.filter((flag) => !flag.startsWith('--input-type')),
      ...(resourceLimits ? { resourceLimits } : {}),
    });
    this.#worker = worker;
    this.#channel.stopping = false;
    this.#exited = new Promise((resolve) => worker.once('exit', () => resolve()));

    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: WorkerMessage) => {
        if (!ready && message.type === 'ready') {
          ready = true;
          this.#channel.ready(message.info);
          resolve();
          return;
        }
        this.#channel.receive(message);
      });
      worker.on('error', (err) => {
        this.#lastError = err.stack ?? String(err);
      });
      worker.once('exit', (code) => {
        if (this.#worker === worker) this.#worker = undefined;
        if (!ready) {
          const why = this.#lastError?.split('\n')[0] ?? `exit code ${code}`;
          reject(new Error(`${name} exited before it was ready (${why})`));
          return;
        }
        this.#channel.ended(`${name} stopped unexpectedly (exit code ${code})`, this.#lastError);
      });
    });
  }

  send(request: Req): void {
    const worker = this.#worker;
    if (!worker) throw new Error(`${this.#options.name} is not running; call start() first`);
    worker.postMessage(request, this.#options.transfer?.(request) ?? []);
    this.#channel.sent();
  }

  interrupt(): void {
    const buffer = this.#options.stopBuffer;
    if (buffer) Atomics.store(new Int32Array(buffer), STOP_FLAG, 1);
  }

  acknowledge(seq: number): void {
    const buffer = this.#options.stopBuffer;
    if (!buffer) return;
    const flags = new Int32Array(buffer);
    Atomics.store(flags, EPOCH_ACK, seq);
    Atomics.notify(flags, EPOCH_ACK);
  }

  on(listener: (message: WorkerMessage) => void): () => void {
    return this.#channel.on(listener);
  }

  /**
   * terminate() already interrupts running JavaScript and wasm, so for a thread the polite request and
   * the kill are one step; after `killAfterMs` we stop waiting and forget the thread (unref'd) anyway.
   */
  async stop(opts: { killAfterMs?: number } = {}): Promise<void> {
    const worker = this.#worker;
    if (!worker) {
      await this.#exited;
      return;
    }
    this.#channel.stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, opts.killAfterMs ?? WORKER_KILL_AFTER_MS);
    });
    try {
      await Promise.race([worker.terminate().then(() => this.#exited), gaveUp]);
    } finally {
      clearTimeout(timer);
      worker.unref();
      if (this.#worker === worker) this.#worker = undefined;
    }
  }
}

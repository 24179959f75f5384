import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import {
  type EngineWorker,
  type EpochAck,
  WORKER_KILL_AFTER_MS,
  type WorkerMessage,
} from './engineWorker.js';
import { WorkerChannel } from './workerChannel.js';

export interface ProcessWorkerOptions<Req> {
  command: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Shown to users in crash messages, e.g. 'PyTorch trainer'. */
  name: string;
  /** Bytes written to stdin for one request; default: one JSON line. */
  encode?: (request: Req) => Array<string | Uint8Array>;
  /** How much of stderr to keep for the log (never shown to users). */
  stderrTailBytes?: number;
  /**
   * The signal interrupt() sends (the python trainer handles SIGUSR1: stop after this epoch); without
   * it interrupt() does nothing, since an unhandled SIGUSR1 would kill the process.
   */
  interruptSignal?: NodeJS.Signals;
}

/**
 * EngineWorker over a child process: spawned without a shell, JSON lines on stdout, requests on stdin.
 * An unexpected exit becomes a WORKER_EXITED `error` message without `id` (errors are data), its
 * `detail` the stderr tail for the log, so whoever waits on a request learns it will never be answered.
 *
 * @example
 * const w = new ProcessWorker({ command: '/usr/bin/python3', args: ['trainer.py'], name: 'PyTorch trainer' });
 * await w.start(); w.on((m) => console.log(m)); w.send({ id: '1', kind: 'train' });
 */
export class ProcessWorker<Req> implements EngineWorker<Req> {
  readonly #options: ProcessWorkerOptions<Req>;
  readonly #channel: WorkerChannel;
  #child: ChildProcess | undefined;
  #alive = false;
  #exited: Promise<void> = Promise.resolve();
  #stderr = '';

  constructor(options: ProcessWorkerOptions<Req>) {
    this.#options = options;
    this.#channel = new WorkerChannel(options.name, (held) => this.#holdHost(held));
  }

  get alive(): boolean {
    return this.#alive;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** What the process reported in its `ready` message. */
  get readyInfo(): Record<string, string | number | boolean> | undefined {
    return this.#channel.readyInfo;
  }

  /** The last bytes the process wrote to stderr, for the log. */
  get stderrTail(): string {
    return this.#stderr;
  }

  start(): Promise<void> {
    if (this.#child) return Promise.reject(new Error(`${this.#options.name} was already started`));
    const { command, args = [], env, cwd, name } = this.#options;
    const child = spawn(command, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'], shell: false });
    this.#child = child;
    this.#alive = true;
    // A write after the process died (EPIPE) is reported through the exit, not as a crash of ours.
    child.stdin?.on('error', () => {});
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => this.#keepStderr(chunk));
    this.#exited = new Promise((resolve) => child.once('close', () => resolve()));

    return new Promise<void>((resolve, reject) => {
      let ready = false;
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        const message = parseMessage(line);
        if (!message) {
          this.#keepStderr(`[stdout] ${line}\n`);
          return;
        }
        if (!ready && message.type === 'ready') {
          ready = true;
          this.#channel.ready(message.info);
          resolve();
          return;
        }
        if (!ready && message.type === 'error') {
          reject(Object.assign(new Error(message.message), { code: message.code, detail: message.detail }));
          return;
        }
        this.#channel.receive(message);
      });
      child.once('error', (err) => {
        this.#alive = false;
        if (!ready) reject(new Error(`${name} could not start: ${err.message}`));
      });
      child.once('exit', (code, signal) => {
        this.#alive = false;
        const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
        if (!ready) {
          reject(
            Object.assign(new Error(`${name} exited before it was ready (code ${exitCode})`), {
              detail: this.#tailDetail(),
            }),
          );
          return;
        }
        this.#channel.ended(`${name} exited unexpectedly (code ${exitCode})`, this.#tailDetail());
      });
    });
  }

  send(request: Req): void {
    const stdin = this.#child?.stdin;
    if (!this.#alive || !stdin) throw new Error(`${this.#options.name} is not running; call start() first`);
    const chunks = this.#options.encode ? this.#options.encode(request) : [`${JSON.stringify(request)}\n`];
    for (const chunk of chunks) stdin.write(chunk);
    this.#channel.sent();
  }

  interrupt(): void {
    const signal = this.#options.interruptSignal;
    if (signal && this.#alive) this.#child?.kill(signal);
  }

  acknowledge(seq: number, ack: EpochAck): void {
    // Not a request: the trainer reads this line in the middle of the one in flight.
    if (this.#alive) this.#child?.stdin?.write(`${JSON.stringify({ type: 'ack', seq, ...ack })}\n`);
  }

  on(listener: (message: WorkerMessage) => void): () => void {
    return this.#channel.on(listener);
  }

  async stop(opts: { killAfterMs?: number } = {}): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      await this.#exited;
      return;
    }
    this.#channel.stopping = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs ?? WORKER_KILL_AFTER_MS);
    try {
      await this.#exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A warm but idle process must not keep the host alive (a script that trains once and never calls
   * close() should still exit); one with a request in flight must, or the caller's await would be cut.
   */
  #holdHost(hold: boolean): void {
    const child = this.#child;
    if (!child) return;
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as Array<Refable | null>) {
      if (hold) handle?.ref?.();
      else handle?.unref?.();
    }
  }

  #tailDetail(): string {
    return `${this.#options.name} stderr tail:\n${this.#stderr}`;
  }

  #keepStderr(chunk: string): void {
    const max = this.#options.stderrTailBytes ?? 8_192;
    this.#stderr = (this.#stderr + chunk).slice(-max);
  }
}

type Refable = { ref?: () => void; unref?: () => void };

function parseMessage(line: string): WorkerMessage | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as { type?: unknown };
    const known = ['ready', 'epoch', 'epochDone', 'result', 'error'];
    return typeof value.type === 'string' && known.includes(value.type)
      ? (value as WorkerMessage)
      : undefined;
  } catch {
    return undefined;
  }
}

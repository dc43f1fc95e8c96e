/**
 * The PDF writer's renderer processes: a few long-lived child processes
 * (child.ts → render.ts), each rendering one document at a time, kept warm
 * from one document to the next. Starting Node, loading react-pdf and the
 * fonts, and the first layout pass of a cold engine cost more than laying out
 * a set of minutes again; a warm process pays them once.
 *
 * A render must not depend on what the process rendered before: the same
 * document gives the same bytes in a fresh process and after others
 * (test/pdf-pool.test.ts checks it). To keep anything that could still build
 * up in a process bounded (memory, caches), a process renders at most
 * `maxDocuments` documents, and one that has grown past `maxRssBytes` is
 * ended after its render; the next document gets a fresh one.
 *
 * A process is handed its next document while it renders the one before (at
 * most one waiting): the build's own thread, busy preparing documents, would
 * otherwise leave it idle until it got round to the reply.
 *
 * A renderer that fails, hangs past the time limit or dies takes only its own
 * document with it (one waiting in it goes to another process); the next
 * render starts a fresh process. Idle processes do
 * not keep the parent alive, end when the parent ends (child.ts), and are
 * killed with the build (SIGINT, SIGTERM, exit).
 */
import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { Diagnostic, RenderableDocument } from "../document/types.ts";
import { onAbort } from "../build/process.ts";
import type { ChildReply, ChildRequest } from "./child.ts";

export interface PoolOptions {
  /** Processes at most (default: the machine's cores). */
  size?: number;
  /** Documents one process renders before it is replaced (default 24). */
  maxDocuments?: number;
  /** A process whose resident memory is past this after a render is replaced (default 1 GiB). */
  maxRssBytes?: number;
  /** A render that takes longer is stopped with its process (default 5 minutes). */
  timeoutMs?: number;
  /** An idle process ends after this long (default 30 s). */
  idleMs?: number;
}

export interface Rendered {
  pdf: Buffer;
  diagnostics: Diagnostic[];
}

interface Job {
  doc: RenderableDocument;
  resolve: (r: Rendered) => void;
  reject: (e: Error) => void;
}

interface Sent {
  id: number;
  job: Job;
  /** The time limit, from when the process starts on the document. */
  timer?: NodeJS.Timeout;
}

interface Worker {
  child: ChildProcess;
  /** Documents this process has been given. */
  documents: number;
  /** The documents sent to it and not answered yet: the first is being rendered, the others wait in it. */
  jobs: Sent[];
  idle?: NodeJS.Timeout;
  stderr: string;
  /** No new work: ended, or being ended. */
  retired: boolean;
  forget: () => void;
}

/** The renderer process's entry: child.ts bundled into one module, or through tsx where that fails (child-launch.mjs). */
const CHILD = fileURLToPath(new URL("./child-launch.mjs", import.meta.url));
const TSCONFIG = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));

export class RenderPool {
  private readonly size: number;
  private readonly maxDocuments: number;
  private readonly maxRssBytes: number;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly workers = new Set<Worker>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** Processes started so far (tests: a warm process is reused). */
  started = 0;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? availableParallelism());
    this.maxDocuments = opts.maxDocuments ?? 24;
    this.maxRssBytes = opts.maxRssBytes ?? 2 ** 30;
    this.timeoutMs = opts.timeoutMs ?? 5 * 60_000;
    this.idleMs = opts.idleMs ?? 30_000;
  }

  /** Renders `doc` in a renderer process: the PDF bytes and the writer's diagnostics. */
  render(doc: RenderableDocument): Promise<Rendered> {
    return new Promise((resolve, reject) => {
      this.queue.push({ doc, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Starts processes up to the pool's size ahead of the documents, so that
   * starting Node and loading react-pdf happen while the caller prepares them.
   */
  warm(): void {
    while (this.taking() < this.size) this.release(this.spawn());
  }

  /** The ids of the renderer processes running now. */
  processes(): number[] {
    return [...this.workers].filter((w) => w.child.exitCode === null && w.child.signalCode === null).map((w) => w.child.pid!);
  }

  /** Ends every process: an idle one when it has closed its channel, a busy one at once (its render fails, and so do the documents waiting in it). */
  close(): void {
    for (const w of [...this.workers]) {
      for (const s of w.jobs.splice(1)) s.job.reject(new Error("the renderer processes were closed before this document's turn"));
      this.end(w, w.jobs.length ? "SIGKILL" : undefined);
    }
  }

  /** Processes that take work (busy or idle, not retired): what the pool's size bounds. */
  private taking(): number {
    return [...this.workers].filter((w) => !w.retired).length;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const open = [...this.workers].filter((w) => !w.retired);
      // an idle process, a new one, or else one that renders and is to go on after it: the
      // document waits in it (not in one that ends after its current document)
      let worker = open.find((w) => w.jobs.length === 0);
      if (!worker && this.taking() < this.size) worker = this.spawn();
      worker ??= open.find((w) => w.jobs.length === 1 && w.documents < this.maxDocuments);
      if (!worker) return;
      this.assign(worker, this.queue.shift()!);
    }
  }

  private spawn(): Worker {
    const child = fork(CHILD, [], {
      execArgv: [],
      // tsx (where the launcher falls back on it) reads tsconfig.json from the working folder, and
      // the templates' JSX needs this project's (react-jsx): name it, so a build run from any
      // folder renders.
      env: { ...process.env, TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH ?? TSCONFIG },
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    this.started++;
    const worker: Worker = { child, documents: 0, jobs: [], stderr: "", retired: false, forget: () => {} };
    // Stopped with the build (SIGINT, SIGTERM, exit); the child also ends itself when this process dies.
    worker.forget = onAbort(() => child.kill("SIGKILL"));
    this.workers.add(worker);
    child.stderr?.on("data", (d: Buffer) => {
      worker.stderr = (worker.stderr + d.toString("utf8")).slice(-4000);
    });
    child.on("message", (m: ChildReply) => this.replied(worker, m));
    child.on("error", (err) => this.lost(worker, err.message));
    child.on("exit", (code, signal) => this.lost(worker, `the renderer process ended (${signal ?? `exit code ${code}`}) without a PDF`));
    return worker;
  }

  private assign(worker: Worker, job: Job): void {
    if (worker.idle) clearTimeout(worker.idle);
    worker.idle = undefined;
    const sent: Sent = { id: this.nextId++, job };
    worker.jobs.push(sent);
    worker.documents++;
    if (worker.jobs.length === 1) this.start(worker);
    // Busy: the parent waits for this process.
    refs(worker.child, true);
    try {
      worker.child.send({ id: sent.id, doc: job.doc } satisfies ChildRequest);
    } catch (err) {
      // The document cannot be sent (it holds what structured clone cannot copy); the process is unharmed.
      worker.jobs.splice(worker.jobs.indexOf(sent), 1);
      clearTimeout(sent.timer);
      // (it was the last sent: a document before it goes on rendering, its time limit running)
      job.reject(new Error(`the document cannot be sent to the renderer process: ${(err as Error).message}`));
      this.release(worker);
    }
  }

  /** The process starts on its first document: the time limit runs from now. */
  private start(worker: Worker): void {
    const head = worker.jobs[0]!;
    worker.stderr = "";
    head.timer = setTimeout(() => {
      this.fail(worker, new Error(`rendering took longer than ${this.timeoutMs / 1000} s`));
      this.requeue(worker);
      this.end(worker, "SIGKILL");
    }, this.timeoutMs);
  }

  private replied(worker: Worker, m: ChildReply): void {
    if (m.id !== worker.jobs[0]?.id) return;
    const job = this.take(worker)!;
    if (m.ok) job.resolve({ pdf: Buffer.from(m.pdf), diagnostics: m.diagnostics });
    else job.reject(new Error(m.message));
    // (a process whose render failed is replaced too: what the failure left in it is not known;
    // a document waiting in it goes to another process)
    if (!m.ok || m.rss > this.maxRssBytes) this.end(worker, this.requeue(worker) ? "SIGKILL" : undefined);
    else if (worker.jobs.length > 0) this.start(worker);
    else if (worker.documents >= this.maxDocuments) this.end(worker);
    this.release(worker);
  }

  /** The process is free again: next job, or idle (not holding the parent alive) until it ends. */
  private release(worker: Worker): void {
    this.dispatch();
    if (worker.jobs.length > 0 || worker.retired) return;
    refs(worker.child, false);
    worker.idle = setTimeout(() => this.end(worker), this.idleMs);
    worker.idle.unref();
  }

  private fail(worker: Worker, err: Error): void {
    this.take(worker)?.reject(err);
  }

  /** The process's current job, taken off it with its time limit cleared; none where it is idle. */
  private take(worker: Worker): Job | undefined {
    const current = worker.jobs.shift();
    if (!current) return undefined;
    clearTimeout(current.timer);
    return current.job;
  }

  /** The documents waiting in a process go back to the front of the queue; whether there were any. */
  private requeue(worker: Worker): boolean {
    const waiting = worker.jobs.splice(0);
    for (const s of waiting) clearTimeout(s.timer);
    this.queue.unshift(...waiting.map((s) => s.job));
    return waiting.length > 0;
  }

  /** The process ended or cannot be reached: its document fails, and it is replaced when work waits. */
  private lost(worker: Worker, why: string): void {
    const stderr = worker.stderr.trim();
    this.fail(worker, new Error(`${why}${stderr ? `: ${stderr.split("\n").slice(-5).join(" | ")}` : ""}`));
    this.requeue(worker);
    this.forgetWorker(worker);
    this.dispatch();
  }

  /** Take no more work: close the channel (the child exits on its own), or kill it. */
  private end(worker: Worker, signal?: NodeJS.Signals): void {
    worker.retired = true;
    if (worker.idle) clearTimeout(worker.idle);
    if (signal) worker.child.kill(signal);
    else if (worker.child.connected) worker.child.disconnect();
    // (a process that will not end on its own is killed with the build: its onAbort stays until it exits)
    if (worker.jobs.length === 0 && worker.child.exitCode !== null) this.forgetWorker(worker);
  }

  private forgetWorker(worker: Worker): void {
    if (!this.workers.delete(worker)) return;
    worker.retired = true;
    if (worker.idle) clearTimeout(worker.idle);
    worker.forget();
  }
}

/** Whether the process, its IPC channel and its stderr pipe keep this process alive. */
function refs(child: ChildProcess, on: boolean): void {
  const handles = [child, child.channel, child.stderr as unknown as { ref(): void; unref(): void } | null];
  for (const h of handles) if (h) on ? h.ref() : h.unref();
}

let shared: RenderPool | undefined;

/** The process's renderer pool, made when the first PDF is rendered. */
export function renderPool(): RenderPool {
  return (shared ??= new RenderPool());
}

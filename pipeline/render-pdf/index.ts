/**
 * The PDF writer: RenderableDocument → PDF file, with the house templates in
 * templates/pdf (@react-pdf/renderer). Each document is rendered in a child
 * process of its own (child.ts → render.ts): react-pdf keeps font state
 * between documents, so in one process the same document can come out
 * different depending on what was rendered before it.
 */
import { fork } from "node:child_process";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { KINDS, type Diagnostic, type RenderableDocument } from "../document/types.ts";
import { onAbort } from "../build/process.ts";
import { TweeluikError } from "../errors.ts";
import { isIsoDate } from "../../templates/pdf/dates.ts";
import type { ChildReply } from "./child.ts";
import { inspectPdf } from "./inspect.ts";

export interface RenderPdfOptions {
  /** Where the PDF goes; written atomically (temp file + rename). */
  outFile: string;
}

export interface RenderPdfResult {
  pages: number;
  bytes: number;
  /**
   * What the writer did with doubtful structure (a note nothing refers to, a
   * reference with no note, an unknown node): the PDF is made all the same.
   */
  diagnostics: Diagnostic[];
}

/** A render that takes longer than this is stopped (documents take seconds). */
const RENDER_TIMEOUT_MS = 5 * 60_000;

/**
 * Renders `doc` with the house template of its kind and writes it to
 * `opts.outFile`. A failure leaves an existing file at that path untouched.
 */
export async function renderPdf(doc: RenderableDocument, opts: RenderPdfOptions): Promise<RenderPdfResult> {
  checkInput(doc, opts);
  const name = nameOf(doc);
  const { pdf, diagnostics } = await render(doc);
  const { pages } = await inspectPdf(pdf);
  await writeAtomically(opts.outFile, pdf, name);
  return { pages, bytes: pdf.length, diagnostics };
}

/** Renders `doc` to PDF bytes without writing (tests, proofs). */
export async function renderPdfBuffer(doc: RenderableDocument): Promise<Buffer> {
  checkInput(doc, { outFile: "(buffer)" });
  return (await render(doc)).pdf;
}

async function render(doc: RenderableDocument): Promise<{ pdf: Buffer; diagnostics: Diagnostic[] }> {
  try {
    return await renderInChild(doc);
  } catch (cause) {
    throw new TweeluikError("render:failed", `PDF of ${nameOf(doc)} could not be rendered: ${(cause as Error)?.message ?? String(cause)}`, {
      file: doc.children[0]?.position.file,
      cause,
    });
  }
}

function nameOf(doc: RenderableDocument): string {
  return `${doc.meta.slug} (${doc.lang})`;
}

function checkInput(doc: RenderableDocument, opts: RenderPdfOptions): void {
  if (!doc || doc.type !== "document" || (doc.stage !== "normalised" && doc.stage !== "translated")) {
    throw new TweeluikError("render:failed", "Expected a normalised or translated document (type \"document\")", { file: opts?.outFile });
  }
  if (!KINDS.includes(doc.meta?.kind)) {
    throw new TweeluikError("render:failed", `Document ${doc.meta?.slug}: expected meta.kind to be one of ${KINDS.join(", ")}, got ${JSON.stringify(doc.meta?.kind)}`);
  }
  if (typeof opts?.outFile !== "string" || opts.outFile === "") {
    throw new TweeluikError("render:failed", `Document ${doc.meta.slug}: expected outFile to be a non-empty path`);
  }
  if (typeof doc.meta.date !== "string" || !isIsoDate(doc.meta.date)) {
    throw new TweeluikError("render:failed", `Document ${doc.meta.slug}: expected meta.date as YYYY-MM-DD, YYYY-MM or YYYY, got ${JSON.stringify(doc.meta.date)}`);
  }
}

const require = createRequire(import.meta.url);
const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));
const TSCONFIG = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));

/** Runs render.ts in a fresh Node process (TypeScript via tsx's loader) and returns the PDF bytes and the writer's diagnostics. */
function renderInChild(doc: RenderableDocument): Promise<{ pdf: Buffer; diagnostics: Diagnostic[] }> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], {
      execArgv: ["--import", pathToFileURL(require.resolve("tsx")).href],
      // tsx reads tsconfig.json from the working folder, and the templates' JSX needs this
      // project's (react-jsx): name it, so a build run from any folder renders.
      env: { ...process.env, TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH ?? TSCONFIG },
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    // Stopped with the build (SIGINT, SIGTERM, exit); the child also ends itself when this process dies.
    const forget = onAbort(() => child.kill("SIGKILL"));
    let stderr = "";
    let reply: ChildReply | undefined;
    child.stderr?.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString("utf8")).slice(-4000);
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`rendering took longer than ${RENDER_TIMEOUT_MS / 1000} s`));
    }, RENDER_TIMEOUT_MS);
    child.on("message", (m: ChildReply) => {
      reply = m;
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      forget();
      reject(err);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      forget();
      if (reply?.ok) resolve({ pdf: Buffer.from(reply.pdf), diagnostics: reply.diagnostics });
      else if (reply) reject(new Error(reply.message));
      else reject(new Error(`the renderer process ended (${signal ?? `exit code ${code}`}) without a PDF${stderr ? `: ${lastLines(stderr)}` : ""}`));
    });
    try {
      child.send({ doc });
    } catch (err) {
      // The document cannot be sent (it holds what structured clone cannot copy): stop the child now.
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`the document cannot be sent to the renderer process: ${(err as Error).message}`));
    }
  });
}

function lastLines(s: string): string {
  return s.trim().split("\n").slice(-5).join(" | ");
}

async function writeAtomically(file: string, data: Uint8Array, name: string): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (cause) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new TweeluikError("render:failed", `PDF of ${name} could not be written to ${file}: ${(cause as Error).message}`, { file, cause });
  }
}

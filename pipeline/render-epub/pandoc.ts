import { execFile } from "node:child_process";
import { Pandoc, PandocError } from "pandoc-ts";
import { TweeluikError } from "../errors.ts";

/** The oldest pandoc this writer is tested with (Debian bookworm's 2.17.1.1, API 1.22). */
export const MIN_PANDOC = [2, 17] as const;

export interface ConvertOptions {
  /** Input fed on stdin (e.g. a JSON AST). */
  input: string | Buffer;
  /** Pandoc reader, e.g. "json". */
  from: string;
  /** Pandoc writer, e.g. "epub3". */
  to: string;
  /** Extra command-line arguments (absolute paths, or relative to `cwd`). */
  args?: readonly string[];
  /** Directory pandoc runs in; relative paths resolve against it (default: the repository root). */
  cwd?: string;
  /** Extra environment variables, e.g. SOURCE_DATE_EPOCH. */
  env?: Record<string, string>;
  /** Kill pandoc after this long (default 120 s). */
  timeoutMs?: number;
  /** pandoc's scheduling priority as a nice value (default this process's); only a lower one is sure to be allowed. */
  priority?: number;
  /** The file the conversion is for, named in errors. */
  file?: string;
}

export interface ConvertResult {
  /** What pandoc wrote to stdout. */
  output: Buffer;
  /** pandoc's warnings (stderr of a successful run), one per line. */
  warnings: string[];
}

const ROOT = new URL("../../", import.meta.url).pathname;

/**
 * Run pandoc once through the patched pandoc-ts: input on stdin, output from
 * stdout as bytes. A failing pandoc becomes TweeluikError "tool:failed" with
 * pandoc's own message; a missing one "tool:missing".
 */
export async function convertWithPandoc(opts: ConvertOptions): Promise<ConvertResult> {
  if (typeof opts.from !== "string" || opts.from === "") throw new TypeError("Expected `from` to be a pandoc input format");
  if (typeof opts.to !== "string" || opts.to === "") throw new TypeError("Expected `to` to be a pandoc output format");
  if (typeof opts.input !== "string" && !Buffer.isBuffer(opts.input)) {
    throw new TypeError("Expected `input` to be a string or a Buffer");
  }
  const pandoc = new Pandoc(opts.from, [{ name: "out", format: opts.to, outBin: true }], {
    cwd: opts.cwd ?? ROOT,
    timeoutMs: opts.timeoutMs ?? 120_000,
  });
  let stderr = "";
  try {
    const data = await pandoc.convertAsync(opts.input, {
      args: [...(opts.args ?? [])],
      env: opts.env,
      priority: opts.priority,
      onStderr: (s) => (stderr = s),
    });
    const output = data?.out;
    if (!Buffer.isBuffer(output)) throw new Error("pandoc produced no output");
    return { output, warnings: stderr.split("\n").filter((l) => l.trim() !== "") };
  } catch (cause) {
    const where = { file: opts.file, cause };
    if (isEnoent(cause)) throw missing(where);
    const message = cause instanceof PandocError ? cause.message : `pandoc failed: ${String((cause as Error)?.message ?? cause)}`;
    throw new TweeluikError("tool:failed", message, where);
  }
}

/** Check that pandoc is on PATH and at least 2.17; resolves to its version. */
export async function checkPandoc(): Promise<{ version: string }> {
  let stdout: string;
  try {
    stdout = await new Promise<string>((resolve, reject) => {
      execFile("pandoc", ["--version"], { timeout: 30_000 }, (err, out) => (err ? reject(err) : resolve(out)));
    });
  } catch (cause) {
    if (isEnoent(cause)) throw missing({ cause });
    throw new TweeluikError("tool:failed", `pandoc --version failed: ${(cause as Error).message}`, { cause });
  }
  const m = /^pandoc(?:\.exe)?\s+(\d+(?:\.\d+)*)/m.exec(stdout);
  if (!m?.[1]) throw new TweeluikError("tool:failed", `cannot read the pandoc version from: ${stdout.split("\n")[0] ?? ""}`);
  const version = m[1];
  if (compareVersions(version, MIN_PANDOC.join(".")) < 0) {
    throw new TweeluikError(
      "tool:too-old",
      `pandoc ${version} is too old: the EPUB writer needs pandoc ${MIN_PANDOC.join(".")} or newer`,
    );
  }
  return { version };
}

/** Compare dotted version strings numerically: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

function isEnoent(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as NodeJS.ErrnoException).code === "ENOENT";
}

function missing(where: { file?: string; cause?: unknown }): TweeluikError {
  return new TweeluikError(
    "tool:missing",
    "pandoc is not on PATH: run `npm run build` as root (it installs it) or `apt-get install pandoc`",
    where,
  );
}

import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { TweeluikError } from "../errors.ts";
import type { RawSource, SourceLine } from "../document/types.ts";

/**
 * Decode a source file's bytes strictly: empty, binary and broken UTF-8 input
 * are refused with the file and line named, so nothing half-read goes on.
 */
export function decodeSource(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new TweeluikError("input:empty", "the file is empty", { file });
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new TweeluikError("input:binary", "the file holds a NUL byte: not a text file", {
      file,
      line: lineOf(bytes, nul),
    });
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    const body = text.replace(/^\uFEFF/, "");
    if (body.trim() === "") throw new TweeluikError("input:empty", "the file holds only white space", { file });
    return body;
  } catch (err) {
    if (err instanceof TweeluikError) throw err;
    const at = firstInvalidUtf8(bytes);
    throw new TweeluikError("input:encoding", `invalid UTF-8 at byte ${at}`, { file, line: lineOf(bytes, at) });
  }
}

/** Read `source/<slug>.txt` into numbered lines with a first guess at pages. */
export function readSource(file: string): RawSource {
  let bytes: Buffer;
  try {
    if (!statSync(file).isFile()) throw new Error("not a file");
    bytes = readFileSync(file);
  } catch (cause) {
    throw new TweeluikError("input:missing", "cannot read the source file", { file, cause });
  }
  return splitSource(decodeSource(bytes, file), file);
}

/**
 * Split decoded text into lines. A line that starts with exactly one space
 * and then text is how the PDF extraction opens a new page; the reader counts
 * pages by it (the normaliser refines what that space means).
 */
export function splitSource(text: string, file: string): RawSource {
  const raw = text.replace(/\r\n?/g, "\n").split("\n");
  if (raw.length > 1 && raw[raw.length - 1] === "") raw.pop();
  let page = 1;
  const lines: SourceLine[] = raw.map((t, i) => {
    if (i > 0 && /^ \S/.test(t)) page++;
    return { line: i + 1, page, text: t.replace(/\f/g, "") };
  });
  return { file, slug: basename(file).replace(/\.[^.]+$/, ""), lines };
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}

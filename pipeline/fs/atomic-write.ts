import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Write several files all or nothing: each goes to a temporary file beside
 * it (flushed to disk), and only when all are written are they renamed into
 * place. A failure leaves every previous file as it was.
 */
export function writeFilesAtomic(files: readonly (readonly [string, string | Uint8Array])[]): void {
  const temps: [string, string][] = [];
  try {
    for (const [file, data] of files) {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
      temps.push([tmp, file]);
      const fd = openSync(tmp, "w");
      try {
        writeFileSync(fd, data);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (err) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    throw err;
  }
  for (const [tmp, file] of temps) renameSync(tmp, file);
}

/** Write one file atomically (a temporary file beside it, then rename). */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  writeFilesAtomic([[file, data]]);
}

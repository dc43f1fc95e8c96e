import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The other source texts in FILE's folder: the corpus for word-form evidence. */
export function siblingTexts(file: string): string[] {
  const dir = dirname(file);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt") && f !== basename(file))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
}

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..");

/** The texts of source/*.txt: the corpus whose word forms decide line-end hyphens. */
export function corpus(): string[] {
  const dir = join(ROOT, "source");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
}

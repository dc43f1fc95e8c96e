import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Kind } from "../document/types.ts";

/** The house style tokens the EPUB writer uses (templates/design.json, shared with the PDF templates). */
export interface Design {
  fonts: Record<"serif" | "sans", { family: string; package: string; files: Record<string, string> }>;
  colours: Record<"ink" | "muted" | "accent" | "accentDark" | "tint" | "rule" | "untranslated", string>;
  kindAccents: Record<Kind, string>;
}

export const DESIGN_FILE = fileURLToPath(new URL("../../templates/design.json", import.meta.url));

let cached: Design | undefined;

/** templates/design.json, read once. */
export function design(): Design {
  cached ??= JSON.parse(readFileSync(DESIGN_FILE, "utf8")) as Design;
  return cached;
}

const require = createRequire(import.meta.url);

/** Absolute path of a house font file, e.g. fontFile("sans", "bold"). */
export function fontFile(family: "serif" | "sans", style: string): string {
  const f = design().fonts[family];
  const rel = f.files[style];
  if (!rel) throw new TypeError(`Expected a style of ${f.family} listed in templates/design.json, got "${style}"`);
  return require.resolve(`${f.package}/${rel}`);
}

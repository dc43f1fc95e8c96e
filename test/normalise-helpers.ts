import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Block, Inline, RawSource } from "../pipeline/document/types.ts";

export const ROOT = join(import.meta.dirname, "..");

/** The texts of source/*.txt: the corpus whose word forms decide line-end hyphens. */
export function corpus(): string[] {
  const dir = join(ROOT, "source");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
}

/** A source of one page from text, a line per line, as a test writes it (no page convention). */
export function rawText(text: string): RawSource {
  return { file: "t.txt", slug: "t", lines: text.split("\n").map((t, k) => ({ line: k + 1, page: 1, text: t })) };
}

/** The words of inlines, note references left out: what a property compares with the source. */
export function inlineText(inl: readonly Inline[]): string {
  return inl.map((i) => (i.type === "text" ? i.value : i.type === "noteRef" ? "" : inlineText(i.children))).join(" ");
}

/** The words of a block and everything in it. */
export function blockText(b: Block): string {
  switch (b.type) {
    case "heading":
    case "paragraph":
    case "quote":
    case "caption":
      return inlineText(b.children);
    case "list":
    case "listItem":
      return (b.children as Block[]).map(blockText).join(" ");
    case "box":
      return [inlineText(b.title ?? []), ...b.children.map(blockText)].join(" ");
    case "article":
      return [b.kicker, b.title, b.lead, b.byline].map((x) => inlineText(x ?? [])).join(" ") + b.children.map(blockText).join(" ");
  }
}

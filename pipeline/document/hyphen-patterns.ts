/**
 * Liang hyphenation patterns for the office's two languages (the `hyphen`
 * package: hyphen/nl, hyphen/en-gb), loaded once each. The PDF writer breaks
 * words with them (templates/pdf/hyphenate.ts); the normaliser asks them where
 * a typesetter may have broken a word (pipeline/normalise/dehyphenate.ts).
 */
import { createRequire } from "node:module";
import type { Lang } from "./types.ts";

export type Hyphenator = { hyphenateSync: (text: string, opts?: { hyphenChar?: string; minWordLength?: number }) => string };

const require = createRequire(import.meta.url);
const loaded = new Map<Lang, Hyphenator>();

/** The hyphenation patterns of `lang` (Dutch, or British English). */
export function hyphenPatterns(lang: Lang): Hyphenator {
  let h = loaded.get(lang);
  if (!h) {
    h = require(lang === "nl" ? "hyphen/nl" : "hyphen/en-gb") as Hyphenator;
    loaded.set(lang, h);
  }
  return h;
}

import { LineCounter, isSeq, parseDocument } from "yaml";
import { z } from "zod";
import { parseYamlConfig } from "../config/load.ts";
import { TweeluikError } from "../errors.ts";
import { URL_OR_EMAIL } from "./numbers.ts";
import { stripPlaceholders } from "./placeholders.ts";

/**
 * A glossary entry. The fields map onto TBX (ISO 30042): `term` and
 * `variants` are Dutch termSec entries, `approved` English ones with
 * administrativeStatus preferredTerm-admn-sts, `forbidden` English ones with
 * deprecatedTerm-admn-sts; `partOfSpeech` and `note` are the TBX data
 * categories of the same name.
 */
export interface GlossaryEntry {
  id: string;
  /** The Dutch term (lemma: singular, uninflected). */
  term: string;
  /** Other Dutch forms that are not regular inflections (besturen, abbreviations). */
  variants: string[];
  /** Approved English renderings; the first is the preferred one. */
  approved: string[];
  /** English renderings that must not be used for this term. */
  forbidden: string[];
  partOfSpeech: "noun" | "properNoun" | "adjective" | "verb" | "phrase" | "abbreviation";
  /** Match the Dutch term only with this capitalisation (SER, Kamer); English renderings likewise. */
  caseSensitive: boolean;
  /** Also match the term as the head of a Dutch compound (gezondheidsverschil in zorggezondheidsverschillen). */
  compound: boolean;
  note: string;
}

export interface Glossary {
  file: string;
  entries: GlossaryEntry[];
}

const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "id: lower-case letters, digits and hyphens"),
    term: z.string().min(1),
    variants: z.array(z.string().min(1)).default([]),
    approved: z.array(z.string().min(1)).min(1, "at least one approved rendering"),
    forbidden: z.array(z.string().min(1)).default([]),
    partOfSpeech: z.enum(["noun", "properNoun", "adjective", "verb", "phrase", "abbreviation"]),
    caseSensitive: z.boolean().default(false),
    compound: z.boolean().default(false),
    note: z.string().min(1, "every entry needs a note on its source or usage"),
  })
  .strict();

const fileSchema = z.object({ entries: z.array(entrySchema).min(1) }).strict();

/**
 * Parse and validate the glossary (YAML). Syntax errors, bad fields,
 * duplicate ids or terms, and a rendering that is both approved and
 * forbidden are a TweeluikError "glossary:invalid" naming the file and line.
 */
export function parseGlossary(text: string, file: string): Glossary {
  let data: z.infer<typeof fileSchema>;
  try {
    data = parseYamlConfig(text, file, fileSchema);
  } catch (e) {
    if (e instanceof TweeluikError) throw new TweeluikError("glossary:invalid", e.message, { file, ...(e.line ? { line: e.line } : {}), cause: e });
    throw e;
  }
  // the line of each entry, for the checks across entries
  const lc = new LineCounter();
  const entries = parseDocument(text, { lineCounter: lc }).get("entries");
  const lineOf = (i: number) => {
    const node = isSeq(entries) ? (entries.items[i] as { range?: [number, number, number] } | undefined) : undefined;
    return lc.linePos(node?.range?.[0] ?? 0).line;
  };
  const ids = new Map<string, number>();
  const terms = new Map<string, number>();
  data.entries.forEach((e, i) => {
    const line = lineOf(i);
    if (ids.has(e.id)) throw new TweeluikError("glossary:invalid", `duplicate id "${e.id}" (also entry ${ids.get(e.id)! + 1})`, { file, line });
    ids.set(e.id, i);
    for (const form of [e.term, ...e.variants]) {
      const k = e.caseSensitive ? form : form.toLowerCase();
      if (terms.has(k) && terms.get(k) !== i) throw new TweeluikError("glossary:invalid", `the Dutch form "${form}" is in two entries`, { file, line });
      terms.set(k, i);
    }
    const both = e.approved.find((a) => e.forbidden.some((f) => f.toLowerCase() === a.toLowerCase()));
    if (both) throw new TweeluikError("glossary:invalid", `${e.id}: "${both}" is both approved and forbidden`, { file, line });
  });
  return { file, entries: data.entries as GlossaryEntry[] };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The character classes of the glossary's patterns. A pattern with a Unicode
 * property class (\p{L}) takes about a millisecond to compile, and a build
 * compiles some hundreds of them, once per process. For a text whose letters
 * and digits are all in the Latin script's blocks (LATIN: Basic Latin to
 * Latin Extended-B, Latin Extended Additional), the same classes written as
 * ranges of those blocks match the same characters and compile twenty times
 * faster; any other text gets the property classes.
 */
interface Classes {
  /** Which way they are written: part of the key of every pattern compiled with them. */
  name: "unicode" | "latin";
  /** A letter or digit: a word goes on (\p{L}\p{N}). */
  word: string;
  /** A letter (\p{L}). */
  letter: string;
  /** An upper-case letter or a digit (\p{Lu}\d). */
  upperOrDigit: string;
}

const UNICODE: Classes = { name: "unicode", word: "\\p{L}\\p{N}", letter: "\\p{L}", upperOrDigit: "\\p{Lu}\\d" };

const LATIN_BLOCKS: readonly (readonly [number, number])[] = [
  [0x0000, 0x024f],
  [0x1e00, 0x1eff],
];

/** The characters of the Latin blocks that `re` matches, as class ranges. */
function latinRanges(re: RegExp): string {
  const hex = (c: number) => `\\u{${c.toString(16)}}`;
  const out: string[] = [];
  for (const [from, to] of LATIN_BLOCKS) {
    let start = -1;
    for (let c = from; c <= to + 1; c++) {
      const hit = c <= to && re.test(String.fromCodePoint(c));
      if (hit && start < 0) start = c;
      if (!hit && start >= 0) {
        out.push(start === c - 1 ? hex(start) : `${hex(start)}-${hex(c - 1)}`);
        start = -1;
      }
    }
  }
  return out.join("");
}

const LATIN: Classes = { name: "latin", word: latinRanges(/[\p{L}\p{N}]/u), letter: latinRanges(/\p{L}/u), upperOrDigit: latinRanges(/[\p{Lu}\d]/u) };

/** A letter or digit outside the Latin blocks. */
const OTHER_SCRIPT = /(?![\u0000-\u024f\u1e00-\u1eff])[\p{L}\p{N}]/u;

/** The classes that match in `text` as the Unicode property classes do. */
const classesFor = (text: string): Classes => (OTHER_SCRIPT.test(text) ? UNICODE : LATIN);

/**
 * A pattern for one Dutch form: compound joints may be written together,
 * with a hyphen or apart (sociaaleconomische / sociaal-economische /
 * sociaal economische), the last word may take a Dutch inflection
 * (-e, -en, -n, -s, -'s, a doubled final consonant + -en: verschil →
 * verschillen), and a compound term may be the head of a longer compound.
 */
function dutchPattern(form: string, compound: boolean, cls: Classes): string {
  const words = form.split(/\s+/);
  const parts = words.map((w, i) => {
    const letters = [...w].map((c) => (c === "-" ? "" : escape(c))).filter(Boolean);
    // a hyphen may join the parts of a compound anywhere; a space only where the form has one
    // (a variant such as "sociaal economische"), or "bij lage" would be read as "bijlage"
    let p = letters.join("-?");
    if (i === words.length - 1 && /\p{L}$/u.test(w) && !/^\p{Lu}+$/u.test(w)) {
      const last = escape(w[w.length - 1]!);
      p += `(?:${last}en|${last}e|e|en|n|s|'s|’s|ën|es)?`;
    }
    return p;
  });
  const head = compound ? `(?:[${cls.letter}]+-?)?` : "";
  return `(?<![${cls.word}])${head}${parts.join("[\\s\\u00A0-]+")}(?![${cls.word}])`;
}

/** A place where a glossary term occurs in a Dutch segment. */
export interface GlossaryHit {
  entry: GlossaryEntry;
  /** The text as it stands in the source. */
  matched: string;
  index: number;
}

const compiled = new WeakMap<GlossaryEntry, Map<Classes, RegExp>>();
const squashedForms = new WeakMap<GlossaryEntry, string[]>();

/**
 * Text without white space and hyphens, lower-cased: where a form's letters stand together. A
 * phrase found in a text by a pattern that only varies its white space stands, squashed, in the
 * squashed text (the prefilters here and in style.ts).
 */
export const squash = (s: string): string => s.toLowerCase().replace(/[\s\u00A0-]+/g, "");

/**
 * An entry's forms squashed. Every match of sourceRegex() holds one of them in
 * its squashed text (its letters in order, with at most hyphens, spaces or an
 * inflection and a compound head around them), so an entry none of whose
 * squashed forms is in the squashed segment cannot match there.
 */
function formsOf(e: GlossaryEntry): string[] {
  let f = squashedForms.get(e);
  if (!f) {
    f = [e.term, ...e.variants].map(squash);
    squashedForms.set(e, f);
  }
  return f;
}

function sourceRegex(e: GlossaryEntry, cls: Classes): RegExp {
  let byClasses = compiled.get(e);
  if (!byClasses) compiled.set(e, (byClasses = new Map()));
  let re = byClasses.get(cls);
  if (!re) {
    const alts = [e.term, ...e.variants].sort((a, b) => b.length - a.length).map((f) => dutchPattern(f, e.compound, cls));
    re = new RegExp(alts.join("|"), e.caseSensitive ? "gu" : "giu");
    byClasses.set(cls, re);
  }
  return re;
}

/**
 * The glossary terms in a Dutch segment. Where matches overlap the longest
 * wins, so `sociaaleconomische gezondheidsverschillen` is one hit, not also
 * `gezondheidsverschil`.
 */
export function findTerms(text: string, glossary: Glossary): GlossaryHit[] {
  // URLs and e-mail addresses are not running text: blank them out, keeping offsets
  const plain = stripPlaceholders(text).replace(URL_OR_EMAIL, (m) => " ".repeat(m.length));
  const all: GlossaryHit[] = [];
  const squashed = squash(plain);
  const cls = classesFor(plain);
  for (const entry of glossary.entries) {
    if (!formsOf(entry).some((f) => squashed.includes(f))) continue;
    for (const m of plain.matchAll(sourceRegex(entry, cls))) all.push({ entry, matched: m[0], index: m.index });
  }
  all.sort((a, b) => b.matched.length - a.matched.length || a.index - b.index);
  const kept: GlossaryHit[] = [];
  for (const h of all) {
    const overlaps = kept.some((k) => h.index < k.index + k.matched.length && k.index < h.index + h.matched.length);
    if (!overlaps) kept.push(h);
  }
  return kept.sort((a, b) => a.index - b.index);
}

const englishCompiled = new Map<string, RegExp>();
/** The pattern for an English rendering (makeEnglishRegex), compiled once. */
function englishRegex(rendering: string, caseSensitive: boolean, cls: Classes): RegExp {
  const key = `${caseSensitive ? "s" : "i"} ${cls.name} ${rendering}`;
  let re = englishCompiled.get(key);
  if (!re) {
    re = makeEnglishRegex(rendering, caseSensitive, cls);
    englishCompiled.set(key, re);
  }
  return re;
}

/** A pattern for an English rendering, tolerant of plural (-s, -es, y → ies) and possessive on the last word. */
function makeEnglishRegex(rendering: string, caseSensitive: boolean, cls: Classes): RegExp {
  const words = rendering.split(/\s+/).map(escape);
  const last = words.length - 1;
  const w = words[last]!;
  if (/\p{Ll}$/u.test(rendering)) words[last] = w.endsWith("y") ? `${w.slice(0, -1)}(?:y|ies)` : w.endsWith("man") ? `${w.slice(0, -3)}m[ae]n` : `${w}(?:s|es)?`;
  words[last] += "(?:'s|’s|')?";
  // an acronym in parentheses may follow a word of the rendering: International Responsible Business Conduct (IRBC) agreements
  return new RegExp(`(?<![${cls.word}])${words.join(`(?:[\\s\\u00A0]+\\([${cls.upperOrDigit}]{2,}\\))?[\\s\\u00A0]+`)}(?![${cls.word}])`, caseSensitive ? "u" : "iu");
}

const masks = new Map<string, RegExp>();
/** Every place of a rendering (case aside), to blank out: a global regex, whose lastIndex replace() resets. */
function maskRegex(rendering: string, cls: Classes): RegExp {
  const key = `${cls.name} ${rendering}`;
  let re = masks.get(key);
  if (!re) {
    re = new RegExp(englishRegex(rendering, false, cls).source, "giu");
    masks.set(key, re);
  }
  return re;
}

/**
 * The first of `renderings` found in an English text, if any. Text inside any
 * of `masked` (renderings of other terms, e.g. "European Commission" when
 * looking for a forbidden "commission") is not searched.
 */
export function findRendering(target: string, renderings: readonly string[], caseSensitive: boolean, masked: readonly string[] = []): string | undefined {
  if (renderings.length === 0) return undefined;
  let plain = stripPlaceholders(target);
  const cls = classesFor(plain);
  // blanking out can only take matches away (a blanked rendering ends and starts at a word's
  // edge, so no new word edge appears): where nothing matches now, nothing will
  if (masked.length && !renderings.some((r) => englishRegex(r, caseSensitive, cls).test(plain))) return undefined;
  for (const m of masked) plain = plain.replace(maskRegex(m, cls), (x) => " ".repeat(x.length));
  for (const r of renderings) {
    const m = englishRegex(r, caseSensitive, cls).exec(plain);
    if (m) return m[0];
  }
  return undefined;
}

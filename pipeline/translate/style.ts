import { z } from "zod";
import type { Emphasis, Inline, Text } from "../document/types.ts";
import { parseYamlConfig } from "../config/load.ts";
import { squash } from "./glossary.ts";
import { URL_OR_EMAIL } from "./numbers.ts";
import { PLACEHOLDER, stripPlaceholders } from "./placeholders.ts";

/**
 * The house style of the English editions (locales/en/style.yaml): one
 * spelling variant, one form of quotes, percentages and names, how Dutch
 * titles are glossed, how emphasis is carried. The checks here read it;
 * they are pure, and run per segment (checkStyle) and over a whole corpus
 * of documents (checkCorpusStyle).
 */
export interface StyleSheet {
  file: string;
  spelling: {
    /** British spelling with -ise (organise, organisation). */
    variant: "british-ise";
    /** Words where -ize is right whatever the variant (prize, size). */
    izeExceptions: string[];
    /** One spelling per word: `use`, never any of `not`. */
    prefer: { use: string; not: string[]; note?: string }[];
    /** Open and closed forms that are different words, not two spellings of one (every one / everyone). */
    compoundsAllowed: string[];
  };
  /** Curly quotes and apostrophes: ‘ ’ “ ”, and ’ as the apostrophe. */
  quotes: "curly";
  /** The one form of a percentage in running text. */
  percent: "%" | "per cent";
  emphasis: {
    /** English words whose accent is their spelling, not emphasis (clichéd, café). */
    keep: string[];
    /** Dutch words whose accent is their spelling (één, café). */
    keepNl: string[];
  };
  /** Words and names the English must not use, with what to use instead (official names, acronyms that are not established). */
  avoid: { text: string; use: string; caseSensitive: boolean; whenSource?: string; note: string }[];
  /** Dutch titles of publications and organisations kept in Dutch, with the one English gloss that goes with them. */
  titles: { nl: string[]; en: string; note?: string }[];
  /** Dutch names kept as they are, never glossed (the magazine's name, parties, foundations). */
  keptNames: string[];
  /** Slips in the Dutch the English corrects (with a translator's note), never copies. */
  authorSlips: { wrong: string; right: string; note: string }[];
}

const styleSchema = z
  .object({
    spelling: z
      .object({
        variant: z.literal("british-ise"),
        izeExceptions: z.array(z.string().min(1)).default([]),
        prefer: z.array(z.object({ use: z.string().min(1), not: z.array(z.string().min(1)).min(1), note: z.string().optional() }).strict()).default([]),
        compoundsAllowed: z.array(z.string().min(1)).default([]),
      })
      .strict(),
    quotes: z.literal("curly"),
    percent: z.enum(["%", "per cent"]),
    emphasis: z.object({ keep: z.array(z.string().min(1)).default([]), keepNl: z.array(z.string().min(1)).default([]) }).strict(),
    avoid: z
      .array(
        z
          .object({
            text: z.string().min(1),
            use: z.string().min(1),
            caseSensitive: z.boolean().default(true),
            whenSource: z.string().min(1).optional(),
            note: z.string().min(1, "every rule needs a note saying why"),
          })
          .strict(),
      )
      .default([]),
    titles: z
      .array(
        z
          .object({
            nl: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
            en: z.string().min(1),
            note: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
    keptNames: z.array(z.string().min(1)).default([]),
    authorSlips: z.array(z.object({ wrong: z.string().min(1), right: z.string().min(1), note: z.string().min(1) }).strict()).default([]),
  })
  .strict();

/** Parse and validate the style sheet; a bad field is a TweeluikError naming the file and line. */
export function parseStyleSheet(text: string, file: string): StyleSheet {
  const data = parseYamlConfig(text, file, styleSchema);
  return {
    file,
    spelling: data.spelling,
    quotes: data.quotes,
    percent: data.percent,
    emphasis: data.emphasis,
    avoid: data.avoid.map((a) => ({ text: a.text, use: a.use, caseSensitive: a.caseSensitive, note: a.note, ...(a.whenSource ? { whenSource: a.whenSource } : {}) })),
    titles: data.titles.map((t) => ({ nl: typeof t.nl === "string" ? [t.nl] : t.nl, en: t.en, ...(t.note ? { note: t.note } : {}) })),
    keptNames: data.keptNames,
    authorSlips: data.authorSlips,
  };
}

/** The style checks, their codes and what each means (all warnings: a copy-edit fixes them through XLIFF). */
export const STYLE_CHECKS = {
  "style:spelling": { severity: "warning", what: "a spelling other than the house one (-ize for -ise, or a listed variant)" },
  "style:quotes": { severity: "warning", what: "a straight quote or apostrophe where the house style has curly ones" },
  "style:percent": { severity: "warning", what: "a percentage not written in the house form" },
  "style:avoid": { severity: "warning", what: "a word or name the house style replaces (an official name, an acronym that is not established)" },
  "style:title-gloss": { severity: "warning", what: "a Dutch title kept in Dutch without its English gloss, or with another gloss" },
  "style:accent": { severity: "warning", what: "an accented word that is neither English spelling nor a Dutch accent-emphasis carried over" },
  "style:author-slip": { severity: "warning", what: "a slip in the Dutch (a misspelt name) copied into the English" },
  "style:one-spelling": { severity: "warning", what: "one word written in two ways in the corpus (healthcare / health care / health-care)" },
} as const;

export type StyleCode = keyof typeof STYLE_CHECKS;

/** One style problem in one target. */
export interface StyleIssue {
  code: StyleCode;
  message: string;
  text: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wordRes = new Map<string, RegExp>();
/**
 * A whole word or phrase; not the start of a possessive ("chair of the SER’s committee" is not
 * "chair of the SER"). Compiled once per phrase and flags. With "g" the one object is shared: replace() and
 * matchAll() leave it as they found it (replace resets lastIndex, matchAll works on a copy).
 */
const wordRe = (w: string, flags: string): RegExp => {
  const key = `${flags}\u0000${w}`;
  let re = wordRes.get(key);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(w).replace(/ /g, "[\\s\\u00A0]+")}(?![\\p{L}\\p{N}]|[’']s(?!\\p{L}))`, `${flags}u`);
    wordRes.set(key, re);
  }
  return re;
};

/** Target text as the reader reads it: placeholders out, addresses blanked (a URL is not prose). */
function prose(target: string): string {
  return stripPlaceholders(target).replace(URL_OR_EMAIL, (m) => " ".repeat(m.length));
}

/** The Dutch titles of the sheet that occur in `text`, with where; where two overlap the longer wins. */
export function keptTitles(text: string, style: StyleSheet): { title: StyleSheet["titles"][number]; form: string; index: number }[] {
  const plain = stripPlaceholders(text);
  const all: { title: StyleSheet["titles"][number]; form: string; index: number }[] = [];
  const squashed = squash(plain);
  for (const title of style.titles) {
    for (const form of title.nl) if (squashed.includes(squash(form))) for (const m of plain.matchAll(wordRe(form, "gi"))) all.push({ title, form: m[0], index: m.index });
  }
  all.sort((a, b) => b.form.length - a.form.length || a.index - b.index);
  const kept: typeof all = [];
  for (const h of all) if (!kept.some((k) => h.index < k.index + k.form.length && k.index < h.index + h.form.length)) kept.push(h);
  return kept.sort((a, b) => a.index - b.index);
}

/** `text` with the sheet's Dutch titles (kept in Dutch on purpose) blanked out, offsets kept. */
export function blankTitles(text: string, style: StyleSheet | undefined): string {
  if (!style) return text;
  let out = text;
  const squashed = squash(text);
  for (const form of [...style.titles.flatMap((t) => t.nl), ...style.keptNames])
    if (squashed.includes(squash(form))) out = out.replace(wordRe(form, form === form.toUpperCase() ? "g" : "gi"), (m) => " ".repeat(m.length));
  return out;
}

const ACUTE = /[áéíóúÁÉÍÓÚ]/u;
const accentWords = (s: string) => s.match(/\p{L}*[áéíóúÁÉÍÓÚ]\p{L}*/gu) ?? [];
const deaccent = (s: string) => s.normalize("NFD").replace(/\u0301/g, "").normalize("NFC");

/** Dutch words with an accent that is emphasis (níet, álle, vóórdat), not spelling (één, café). */
export function dutchAccentEmphasis(source: string, style: StyleSheet): string[] {
  const keep = new Set(style.emphasis.keepNl.map((w) => w.toLowerCase()));
  return accentWords(stripPlaceholders(source)).filter((w) => !keep.has(w.toLowerCase()));
}

/** English words whose accent is not their spelling. */
function strayAccents(target: string, style: StyleSheet): string[] {
  const keep = style.emphasis.keep.map((w) => w.toLowerCase());
  return accentWords(prose(target)).filter((w) => !keep.some((k) => w.toLowerCase().startsWith(k)));
}

/**
 * Dutch marks emphasis with an accent (níet, álle); English with italics. A
 * target that carries such an accent over (nót, áll) where the Dutch has one
 * is set with the word in an emphasis node, the accent removed. Words whose
 * accent is English spelling (clichéd) stay as they are.
 */
export function accentEmphasis(inlines: Inline[], source: string, style: StyleSheet | undefined): Inline[] {
  if (!style || dutchAccentEmphasis(source, style).length === 0) return inlines;
  const keep = style.emphasis.keep.map((w) => w.toLowerCase());
  const emphasised = (w: string) => ACUTE.test(w) && [...w].filter((c) => ACUTE.test(c)).length === 1 && !keep.some((k) => w.toLowerCase().startsWith(k));
  const walk = (nodes: Inline[]): Inline[] =>
    nodes.flatMap((n): Inline[] => {
      if (n.type !== "text") return "children" in n ? [{ ...n, children: walk(n.children) } as Inline] : [n];
      if (n.value.match(URL_OR_EMAIL)) return [n];
      const out: Inline[] = [];
      let last = 0;
      for (const m of n.value.matchAll(/\p{L}*[áéíóúÁÉÍÓÚ]\p{L}*/gu)) {
        if (!emphasised(m[0])) continue;
        if (m.index > last) out.push({ type: "text", value: n.value.slice(last, m.index) } satisfies Text);
        out.push({ type: "emphasis", children: [{ type: "text", value: deaccent(m[0]) }] } satisfies Emphasis);
        last = m.index + m[0].length;
      }
      if (last === 0) return [n];
      if (last < n.value.length) out.push({ type: "text", value: n.value.slice(last) });
      return out;
    });
  return walk(inlines);
}

/** Straight quotes and apostrophes outside addresses. */
function checkQuotes(target: string): StyleIssue[] {
  const t = prose(target);
  const m = /['"]/.exec(t);
  if (!m) return [];
  const n = (t.match(/['"]/g) ?? []).length;
  return [{ code: "style:quotes", message: `${n} straight quote${n === 1 ? "" : "s"} or apostrophe${n === 1 ? "" : "s"}; the house style uses ‘ ’ “ ” and ’`, text: t.slice(Math.max(0, m.index - 12), m.index + 12).trim() }];
}

/** A percentage in another form than the house one. */
function checkPercent(target: string, style: StyleSheet): StyleIssue[] {
  const t = prose(target);
  const other = style.percent === "%" ? /\d\s*(?:per\s?cent|percent)\b|\d\s+%/iu : /\d\s*%/u;
  const m = other.exec(t);
  if (!m) return [];
  return [{ code: "style:percent", message: `percentages are written "${style.percent === "%" ? "12%" : "12 per cent"}"`, text: m[0] }];
}

/** -ize for -ise, and the listed variant spellings. */
function checkSpelling(target: string, style: StyleSheet): StyleIssue[] {
  // official names keep their own spelling (World Health Organization)
  const phrases = style.spelling.izeExceptions.filter((w) => w.includes(" "));
  const t = phrases.reduce((s, p) => s.replace(wordRe(p, "g"), (m) => " ".repeat(m.length)), prose(target));
  const out: StyleIssue[] = [];
  const exceptions = style.spelling.izeExceptions.filter((w) => !w.includes(" ")).map((w) => w.toLowerCase());
  for (const m of t.matchAll(/\p{L}+i[zs]\p{L}*/gu)) {
    const w = m[0];
    if (!/iz(?:e|es|ed|ing|ation|ations|er|ers)$/iu.test(w) || exceptions.some((e) => w.toLowerCase().includes(e))) continue;
    out.push({ code: "style:spelling", message: `"${w}": the house spelling is British -ise`, text: w });
  }
  for (const p of style.spelling.prefer) {
    for (const form of p.not) {
      const m = wordRe(form, "i").exec(t);
      if (m) out.push({ code: "style:spelling", message: `"${m[0]}": the house spelling is "${p.use}"`, text: m[0] });
    }
  }
  return out;
}

/** Words and names the style replaces. */
function checkAvoid(source: string, target: string, style: StyleSheet): StyleIssue[] {
  const t = blankTitles(prose(target), style);
  const out: StyleIssue[] = [];
  for (const a of style.avoid) {
    if (a.whenSource && !wordRe(a.whenSource, "i").test(stripPlaceholders(source))) continue;
    const m = wordRe(a.text, a.caseSensitive ? "" : "i").exec(t);
    if (m) out.push({ code: "style:avoid", message: `"${m[0]}": use "${a.use}" (${a.note})`, text: m[0] });
  }
  return out;
}

/**
 * Every mention of a Dutch title kept in Dutch is followed by the sheet's
 * English gloss in parentheses or square brackets, the same everywhere.
 */
function checkTitleGloss(target: string, style: StyleSheet): StyleIssue[] {
  const plain = stripPlaceholders(target);
  const out: StyleIssue[] = [];
  for (const k of keptTitles(plain, style)) {
    const after = plain.slice(k.index + k.form.length).replace(/^[\s’”]*(?:\(\d{4}\)\s*|\d{4}\s*)?/u, "");
    const gloss = bracketed(after)?.trim();
    const norm = (s: string) => s.toLowerCase().replace(/[‘’“”'"]/g, "").replace(/\s+/g, " ").replace(/[.\s]+$/, "");
    if (gloss === undefined) out.push({ code: "style:title-gloss", message: `"${k.form}" without its gloss; write "${k.form} (${k.title.en})"`, text: k.form });
    else if (norm(gloss) !== norm(k.title.en)) out.push({ code: "style:title-gloss", message: `"${k.form}" glossed as "${gloss}"; the house gloss is "${k.title.en}"`, text: gloss });
  }
  return out;
}

/** The content of a bracket group at the start of `s` (parentheses or square brackets, nesting kept), if any. */
function bracketed(s: string): string | undefined {
  const open = s[0];
  if (open !== "(" && open !== "[") return undefined;
  const close = open === "(" ? ")" : "]";
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === open) depth++;
    else if (s[i] === close && --depth === 0) return s.slice(1, i);
  }
  return undefined;
}

/** Accents that are neither spelling nor a Dutch accent-emphasis carried over (which is set in italics). */
function checkAccents(source: string, target: string, style: StyleSheet): StyleIssue[] {
  const stray = strayAccents(target, style);
  if (stray.length === 0 || dutchAccentEmphasis(source, style).length > 0) return [];
  return [{ code: "style:accent", message: `accented ${stray.map((w) => `"${w}"`).join(", ")} where the Dutch has no accent-emphasis; add it to emphasis.keep if the accent is its spelling`, text: stray.join(" ") }];
}

/** A slip in the Dutch copied into the English. */
function checkAuthorSlips(target: string, style: StyleSheet): StyleIssue[] {
  const t = prose(target);
  return style.authorSlips.flatMap((s) => {
    const m = wordRe(s.wrong, "").exec(t);
    return m ? [{ code: "style:author-slip" as const, message: `"${m[0]}" copies a slip of the Dutch: write "${s.right}" and add a translator's note (${s.note})`, text: m[0] }] : [];
  });
}

/** Every per-segment style check on one target, in a fixed order. */
export function checkStyle(source: string, target: string, style: StyleSheet): StyleIssue[] {
  return [
    ...checkSpelling(target, style),
    ...checkQuotes(target),
    ...checkPercent(target, style),
    ...checkAvoid(source, target, style),
    ...checkTitleGloss(target, style),
    ...checkAccents(source, target, style),
    ...checkAuthorSlips(target, style),
  ];
}

/** A target of the corpus as the corpus checks see it. */
export interface CorpusTarget {
  target: string;
  /** "ns:key" or a segment id. */
  where: string;
}

/** One word written in several ways across the corpus: each form with where it stands. */
export interface SpellingVariants {
  word: string;
  forms: { form: string; where: string[] }[];
}

/**
 * One spelling per word across the corpus (Xbench's "spelling
 * consistency"): a compound written closed in one place and open or
 * hyphenated in another (healthcare / health care / health-care).
 * The sheet's compoundsAllowed lists pairs that are different words.
 */
export function checkCorpusStyle(targets: readonly CorpusTarget[], style: StyleSheet): SpellingVariants[] {
  const allowed = new Set(style.spelling.compoundsAllowed.map((w) => w.toLowerCase()));
  const closed = new Map<string, Set<string>>();
  const forms = new Map<string, Map<string, Set<string>>>();
  const add = (word: string, form: string, where: string) => {
    const byForm = forms.get(word) ?? new Map<string, Set<string>>();
    byForm.set(form, (byForm.get(form) ?? new Set()).add(where));
    forms.set(word, byForm);
  };
  const texts = targets.map((t) => ({ where: t.where, text: blankTitles(prose(t.target), style).replace(PLACEHOLDER, " ") }));
  for (const { where, text } of texts) {
    for (const m of text.matchAll(/\p{L}+/gu)) {
      const w = m[0].toLowerCase();
      if (w.length >= 6) closed.set(w, (closed.get(w) ?? new Set()).add(where));
    }
  }
  for (const { where, text } of texts) {
    for (const m of text.matchAll(/(?<![\p{L}-])(\p{L}{2,})([ -])(\p{L}{2,})(?![\p{L}-])/gu)) {
      const joined = `${m[1]}${m[3]}`.toLowerCase();
      if (allowed.has(joined)) continue;
      add(joined, `${m[1]!.toLowerCase()}${m[2]}${m[3]!.toLowerCase()}`, where);
    }
    // overlapping pairs: "a b c" also yields "b c"
    for (const m of text.matchAll(/(?<=\p{L}[ -])(\p{L}{2,})([ -])(\p{L}{2,})(?![\p{L}-])/gu)) {
      const joined = `${m[1]}${m[3]}`.toLowerCase();
      if (allowed.has(joined)) continue;
      add(joined, `${m[1]!.toLowerCase()}${m[2]}${m[3]!.toLowerCase()}`, where);
    }
  }
  const out: SpellingVariants[] = [];
  for (const [word, byForm] of forms) {
    const c = closed.get(word);
    const split = [...byForm];
    const all: { form: string; where: string[] }[] = split.map(([form, where]) => ({ form, where: [...where].sort() }));
    if (c) all.push({ form: word, where: [...c].sort() });
    // Closed beside open or hyphenated (healthcare / health care) is two spellings of one word;
    // open beside hyphenated alone is not (long-term plans, in the long term).
    if (!c || all.length < 2) continue;
    out.push({ word, forms: all.sort((a, b) => b.where.length - a.where.length || a.form.localeCompare(b.form)) });
  }
  return out.sort((a, b) => a.word.localeCompare(b.word));
}

import type { Severity } from "../document/types.ts";
import { looksDutch } from "./dutch.ts";
import { findRendering, findTerms, type Glossary, type GlossaryHit } from "./glossary.ts";
import { normaliseSegmentText } from "./key.ts";
import type { AcceptedException } from "./memory.ts";
import { addresses, compareQuantities, dutchQuantities, englishQuantities, URL_OR_EMAIL } from "./numbers.ts";
import { checkPlaceholders, stripPlaceholders, type Code } from "./placeholders.ts";
import { blankTitles, checkStyle, keptTitles, STYLE_CHECKS, type StyleSheet } from "./style.ts";

/**
 * The QA checks, their codes and severities. An error means the English
 * edition would say something else than the Dutch (a number, a link, a
 * term, a footnote); a warning means it needs a look (style, coverage).
 */
export const QA_CHECKS = {
  "translate:untranslated": { severity: "warning", what: "no translation in the memory: the Dutch is shown, marked" },
  "translate:fuzzy": { severity: "warning", what: "only a close match (≥ 85%) from another sentence: offered, not used" },
  "translate:stale": { severity: "warning", what: "the entry was made for an earlier version of this sentence: offered, not used" },
  "translate:draft": { severity: "warning", what: "the translation is a draft (not yet translated/reviewed status)" },
  "translate:note": { severity: "info", what: "a translator's note on the entry (where the English corrects the author's text): for the editor to confirm" },
  "qa:placeholder-missing": { severity: "error", what: "an inline code (footnote, emphasis, link) of the source is missing from the target" },
  "qa:placeholder-duplicated": { severity: "error", what: "an inline code occurs more than once in the target" },
  "qa:placeholder-invalid": { severity: "error", what: "the target has a placeholder the source does not, or pairs out of order" },
  "qa:glossary-forbidden": { severity: "error", what: "a forbidden rendering of a glossary term is used" },
  "qa:glossary-missing": { severity: "warning", what: "a glossary term is in the source but no approved rendering in the target" },
  "qa:number-mismatch": { severity: "error", what: "numbers, percentages or amounts do not correspond" },
  "qa:date-mismatch": { severity: "error", what: "dates do not correspond" },
  "qa:url-mismatch": { severity: "error", what: "a URL or e-mail address was changed, dropped or added" },
  "qa:inconsistent": { severity: "warning", what: "the same source has different translations" },
  "qa:dutch-in-target": { severity: "warning", what: "Dutch function words in the English text" },
  "qa:whitespace": { severity: "warning", what: "doubled spaces or leading/trailing white space in the target" },
  "qa:end-punctuation": { severity: "warning", what: "the target ends with other punctuation than the source" },
  "qa:brackets": { severity: "warning", what: "unbalanced brackets or quotation marks in the target" },
  ...STYLE_CHECKS,
} as const satisfies Record<string, { severity: Severity; what: string }>;

export type QaCode = keyof typeof QA_CHECKS;

/** One problem found in one segment. */
export interface QaIssue {
  code: QaCode;
  severity: Severity;
  message: string;
  /** The offending text (in the target, or the source where the target lacks it). */
  text: string;
  /** Set when a reviewer accepted this finding for this segment: its severity is then "info". */
  accepted?: AcceptedException;
}


function issue(code: QaCode, message: string, text: string): QaIssue {
  return { code, severity: QA_CHECKS[code].severity, message, text };
}

/** Placeholders: every code of the source exactly once, pairs well nested. */
export function checkPlaceholderIssues(target: string, codes: readonly Code[]): QaIssue[] {
  return checkPlaceholders(target, codes).map((p) =>
    p.kind === "missing"
      ? issue("qa:placeholder-missing", `placeholder ${p.token} of the source is missing`, p.token)
      : p.kind === "duplicated"
        ? issue("qa:placeholder-duplicated", `placeholder ${p.token} occurs more than once`, p.token)
        : issue("qa:placeholder-invalid", `placeholder ${p.token} is ${p.kind === "unknown" ? "not in the source" : "out of order"}`, p.token),
  );
}

/** Glossary: a forbidden rendering used, or no approved rendering for a term in the source. */
export function checkGlossary(source: string, target: string, glossary: Glossary, hits: readonly GlossaryHit[] = findTerms(source, glossary), style?: StyleSheet): QaIssue[] {
  const out: QaIssue[] = [];
  const seen = new Set<string>();
  // A term inside a Dutch title the target keeps in Dutch (Werken zonder armoede) is part of the title.
  const kept = style ? keptTitles(source, style).filter((k) => keptTitles(target, style).some((t) => t.title === k.title)) : [];
  const inKept = (h: GlossaryHit) => kept.some((k) => h.index >= k.index && h.index < k.index + k.form.length);
  for (const h of hits) {
    if (inKept(h)) continue;
    if (seen.has(h.entry.id)) continue;
    seen.add(h.entry.id);
    // A forbidden word that is part of another matched term's approved rendering is that term's, not this one's:
    // "commission" in "European Commission" (Europese Commissie), "community" for gemeenschap beside gemeente.
    const others = hits.filter((o) => o.entry.id !== h.entry.id).flatMap((o) => o.entry.approved);
    const bad = findRendering(target, h.entry.forbidden, false, others);
    if (bad) out.push(issue("qa:glossary-forbidden", `"${h.matched}" rendered as forbidden "${bad}"; use "${h.entry.approved[0]}"`, bad));
    else if (!findRendering(target, h.entry.approved, h.entry.caseSensitive)) {
      out.push(issue("qa:glossary-missing", `"${h.matched}" should be rendered as ${h.entry.approved.map((a) => `"${a}"`).join(" or ")}`, h.matched));
    }
  }
  return out;
}

/** Numbers, amounts, percentages and dates of the Dutch source against the English target. */
export function checkNumbers(source: string, target: string): QaIssue[] {
  const { missing, extra } = compareQuantities(dutchQuantities(source), englishQuantities(target));
  const out: QaIssue[] = [];
  for (const kind of ["number", "date"] as const) {
    const m = missing.filter((q) => q.kind === kind);
    const e = extra.filter((q) => q.kind === kind);
    if (m.length === 0 && e.length === 0) continue;
    const code = kind === "number" ? "qa:number-mismatch" : "qa:date-mismatch";
    const parts = [m.length ? `source has ${m.map((q) => `"${q.text}"`).join(", ")} with no counterpart` : "", e.length ? `target has ${e.map((q) => `"${q.text}"`).join(", ")} not in the source` : ""];
    out.push(issue(code, parts.filter(Boolean).join("; "), (e.length ? e : m).map((q) => q.text).join(", ")));
  }
  return out;
}

/** URLs and e-mail addresses must come through unchanged. */
export function checkAddresses(source: string, target: string): QaIssue[] {
  const left = addresses(target);
  const out: QaIssue[] = [];
  for (const a of addresses(source)) {
    const i = left.indexOf(a);
    if (i === -1) out.push(issue("qa:url-mismatch", `"${a}" is missing or changed in the target`, a));
    else left.splice(i, 1);
  }
  for (const a of left) out.push(issue("qa:url-mismatch", `"${a}" is in the target but not in the source`, a));
  return out;
}

/** Dutch left in the English text (not counting web addresses, and titles and names the house style keeps in Dutch). */
export function checkDutch(target: string, style?: StyleSheet): QaIssue[] {
  const { dutch, words } = looksDutch(blankTitles(target.replace(URL_OR_EMAIL, (m) => " ".repeat(m.length)), style));
  return dutch ? [issue("qa:dutch-in-target", `Dutch words in the English text: ${[...new Set(words)].join(", ")}`, words.join(" "))] : [];
}

/** Doubled spaces and white space at the ends. */
export function checkWhitespace(target: string): QaIssue[] {
  const out: QaIssue[] = [];
  const double = / {2,}/.exec(target);
  if (double) out.push(issue("qa:whitespace", "doubled space", excerpt(target, double.index)));
  if (/^\s|\s$/.test(target)) out.push(issue("qa:whitespace", "white space at the start or end", JSON.stringify(target.slice(0, 12))));
  return out;
}

// trailing footnote references ("….{1}, {2}") do not count as the end of the sentence
const endMark = (s: string) => /([.?!:;…])[’”"')\]\s]*$/u.exec(stripPlaceholders(s.replace(/(?:\s*,?\s*\{\d+\})+\s*$/u, "")).trim())?.[1] ?? "";

/** The final punctuation mark of source and target should agree (a question stays a question). */
export function checkEndPunctuation(source: string, target: string): QaIssue[] {
  const a = endMark(source);
  const b = endMark(target);
  if (a === b) return [];
  return [issue("qa:end-punctuation", `source ends with ${a ? `"${a}"` : "no punctuation"}, target with ${b ? `"${b}"` : "no punctuation"}`, stripPlaceholders(target).trim().slice(-12))];
}

const PAIRS: [string, string][] = [["(", ")"], ["[", "]"], ["‘", "’"], ["“", "”"]];

/**
 * Opening and closing marks of one pair in a text. ’ is also the
 * apostrophe: between letters (can’t) it is one; after an "s" (the
 * members’ views) it closes a ‘ that is open, and otherwise is the
 * possessive apostrophe; anywhere else it closes.
 */
function pairCount(t: string, open: string, close: string): { opens: number; closes: number } {
  if (close !== "’") return { opens: t.split(open).length - 1, closes: t.split(close).length - 1 };
  let opens = 0;
  let closes = 0;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === "‘") {
      opens++;
      depth++;
    } else if (c === "’") {
      const before = t[i - 1] ?? "";
      const after = t[i + 1] ?? "";
      if (/\p{L}/u.test(before) && /\p{L}/u.test(after)) continue;
      if (/s/iu.test(before) && /\p{L}/u.test(t[i - 2] ?? "") && depth === 0) continue;
      // ’s after a digit or capital (the 1990’s, ’S Jongers) is an apostrophe
      if (/s/iu.test(after) && !/\p{L}/u.test(t[i + 2] ?? "") && !/\p{L}/u.test(before)) continue;
      closes++;
      if (depth > 0) depth--;
    }
  }
  return { opens, closes };
}

/** Brackets and quotation marks balanced in the target as in the source. */
export function checkBrackets(source: string, target: string): QaIssue[] {
  const out: QaIssue[] = [];
  for (const [open, close] of PAIRS) {
    const { opens, closes } = pairCount(stripPlaceholders(target), open, close);
    const src = pairCount(stripPlaceholders(source), open, close);
    if (opens !== closes && src.opens === src.closes) out.push(issue("qa:brackets", `unbalanced ${open}${close}: ${opens} opening, ${closes} closing`, open));
  }
  return out;
}

/**
 * All per-segment checks of a translation (Dutch source, English target,
 * both with placeholders), in a fixed order.
 */
export function checkSegment(source: string, codes: readonly Code[], target: string, glossary: Glossary, hits?: readonly GlossaryHit[], style?: StyleSheet): QaIssue[] {
  return [
    ...checkPlaceholderIssues(target, codes),
    ...checkGlossary(source, target, glossary, hits, style),
    ...checkNumbers(source, target),
    ...checkAddresses(source, target),
    ...checkDutch(target, style),
    ...checkWhitespace(target),
    ...checkEndPunctuation(source, target),
    ...checkBrackets(source, target),
    ...(style ? checkStyle(source, target, style).map((i) => issue(i.code, i.message, i.text)) : []),
  ];
}

/** A translation as seen by the consistency check. */
export interface TranslationPair {
  source: string;
  target: string;
  /** Where it is: "ns:key", a segment id, an XLIFF unit. */
  where: string;
}

/** Sources (compared normalised) that have more than one distinct target. */
export function checkConsistency(pairs: readonly TranslationPair[]): { source: string; targets: { target: string; where: string[] }[] }[] {
  const bySource = new Map<string, Map<string, string[]>>();
  for (const p of pairs) {
    if (!p.target.trim()) continue;
    const s = normaliseSegmentText(p.source);
    const targets = bySource.get(s) ?? new Map<string, string[]>();
    const t = normaliseSegmentText(p.target);
    targets.set(t, [...(targets.get(t) ?? []), p.where]);
    bySource.set(s, targets);
  }
  return [...bySource]
    .filter(([, t]) => t.size > 1)
    .map(([source, t]) => ({ source, targets: [...t].map(([target, where]) => ({ target, where })) }));
}

/** The QA issue for an inconsistency found by checkConsistency. */
export function inconsistencyIssue(found: ReturnType<typeof checkConsistency>[number]): QaIssue {
  return issue("qa:inconsistent", `translated in ${found.targets.length} ways: ${found.targets.map((t) => `"${t.target}" (${t.where.join(", ")})`).join(" / ")}`, found.targets.map((t) => t.target).join(" | "));
}

function excerpt(s: string, at: number): string {
  return s.slice(Math.max(0, at - 15), at + 15);
}

/**
 * Term consistency across a corpus (Xbench's "key term" check): the glossary
 * terms whose Dutch is rendered with more than one of its approved renderings,
 * with how often each. Not an error (an abbreviation after the full name, a
 * sense that differs), but what a copy-editor settles.
 */
export function checkTermConsistency(pairs: readonly TranslationPair[], glossary: Glossary): { id: string; term: string; renderings: { rendering: string; where: string[] }[] }[] {
  const byEntry = new Map<string, Map<string, string[]>>();
  for (const p of pairs) {
    for (const h of findTerms(p.source, glossary)) {
      if (h.entry.approved.length < 2) continue;
      const r = h.entry.approved.find((a) => findRendering(p.target, [a], h.entry.caseSensitive));
      if (!r) continue;
      const m = byEntry.get(h.entry.id) ?? new Map<string, string[]>();
      const where = m.get(r) ?? [];
      if (!where.includes(p.where)) where.push(p.where);
      m.set(r, where);
      byEntry.set(h.entry.id, m);
    }
  }
  return [...byEntry]
    .filter(([, m]) => m.size > 1)
    .map(([id, m]) => ({ id, term: glossary.entries.find((e) => e.id === id)!.term, renderings: [...m].map(([rendering, where]) => ({ rendering, where })).sort((a, b) => b.where.length - a.where.length) }));
}

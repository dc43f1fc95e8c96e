import type { MinutesMeta } from "../document/types.ts";
import { diag, ENDS_SENTENCE, isBlank, textOf, type LineCtx, type Ln } from "./lines.ts";

const FIELD = /^([\p{L}][\p{L} ]{2,30}):\s*(.*)$/u;
const FIELDS: [RegExp, keyof MinutesMeta][] = [
  [/^vergadering/i, "meeting"],
  [/^datum/i, "datetime"],
  [/^(plaats|locatie)/i, "place"],
  [/^(aanwezig)/i, "present"],
  [/^(genodigde|gast|gasten)/i, "guests"],
  [/^(tafelverslag|rapporteur|verslaglegger)/i, "rapporteurs"],
  [/^secretariaat/i, "secretariat"],
];
const LISTS = new Set<keyof MinutesMeta>(["present", "guests", "rapporteurs", "secretariat"]);
const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

export interface MinutesHeader {
  minutes: MinutesMeta;
  /** Document number printed in the header ("R3026"). */
  number?: string;
  /** The meeting date as ISO 8601, when the header prints one. */
  date?: string;
  /** Lines after the header. */
  rest: Ln[];
}

/** A value's lines joined: a name broken at its hyphen goes on without a space ("Scholten-" / "Dijkman"). */
function joinValue(texts: string[]): string {
  return texts.reduce((out, t) => (out === "" ? t : /\p{L}-$/u.test(out) ? `${out}${t}` : `${out} ${t}`), "");
}

/** The empty line that ends a group kept in the text. */
function emptyAfter(grp: readonly Ln[]): Ln {
  return { line: grp[grp.length - 1]!.line, page: grp[0]!.page, raw: "", pageStart: false };
}

/** Whether a value runs on after this line: an open bracket, a comma, a name particle at the end ("Van der" + "Meulen"). */
function runsOn(l: Ln, depth: number): boolean {
  return depth > 0 || /[,(]$/.test(textOf(l)) || /\b(van|der|den|de|ten|ter|te)$/i.test(textOf(l)) || FIELD.test(textOf(l));
}

/** Split a list of names at commas outside brackets: "Van der Meulen, Nijpels (voorzitter), …". */
export function splitNames(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth = Math.max(0, depth - 1);
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.replace(/\s+/g, " ").trim()).filter(Boolean);
}

/**
 * Take the metadata block of minutes (meeting, number, date and time, place,
 * present, guests, rapporteurs, secretariat) out of the text and into
 * meta.minutes. The block is what precedes the first agenda item and holds
 * "Label: value" fields; a value runs on over the following lines (names
 * broken across lines, "Van der" + "Meulen", are joined) up to a blank line.
 * Labels printed without a value take the unlabelled value groups that
 * follow, in order (a two-column layout read row by row). A labelled line
 * that is no minutes field stays in the text, and so does a field whose value
 * closes a sentence (a sentence of the minutes, "Aanwezig: de kroonleden …;
 * namens … (verslag).", no letterhead list), and the title (the
 * header's first group, four words or more, no sentence); an unlabelled line
 * that is no value (the letterhead) is left out and reported.
 */
export function extractMinutesHeader(lines: Ln[], ctx: LineCtx): MinutesHeader | undefined {
  const end = lines.slice(0, 80).findIndex((l) => /^\s*1\.?\s+\p{Lu}/u.test(l.raw));
  if (end <= 0) return undefined;
  const head = lines.slice(0, end);
  if (head.filter((l) => FIELD.test(textOf(l))).length < 2) return undefined;
  const groups: Ln[][] = [];
  /** Groups that follow the one before without an empty line between them. */
  const adjoining = new Set<Ln[]>();
  let g: Ln[] = [];
  let depth = 0;
  for (const l of head) {
    const t = textOf(l);
    if (isBlank(l)) {
      if (g.length) groups.push(g);
      g = [];
    } else if ((FIELD.test(t) || (g.length && !runsOn(g[g.length - 1]!, depth))) && g.length) {
      groups.push(g);
      g = [l];
      adjoining.add(g);
    } else g.push(l);
    depth = isBlank(l) ? 0 : Math.max(0, depth + (t.match(/\(/g) ?? []).length - (t.match(/\)/g) ?? []).length);
  }
  if (g.length) groups.push(g);
  const minutes: MinutesMeta = {};
  const waiting: (keyof MinutesMeta)[] = [];
  // "Label: value" lines with a label that is no minutes field stay in the text, before the first item.
  const kept: Ln[] = [];
  let number: string | undefined;
  const set = (key: keyof MinutesMeta, value: string, at: Ln): void => {
    if (LISTS.has(key)) (minutes[key] as string[] | undefined) = [...((minutes[key] as string[] | undefined) ?? []), ...splitNames(value)];
    else if (key === "meeting") {
      const m = /^(.*?),?\s*nr\.?\s*(\S+)$/.exec(value);
      minutes.meeting = m ? m[1]! : value;
      if (m) minutes.meetingNumber = m[2]!;
    } else (minutes[key] as string) = value;
    diag(ctx, "info", "normalise:minutes-meta", `minutes ${key} taken into the metadata`, at);
  };
  /** The value of a field running on: a list's last name and the names after it, or more text. */
  const append = (key: keyof MinutesMeta, more: string, at: Ln): void => {
    if (LISTS.has(key)) {
      const list = (minutes[key] as string[] | undefined) ?? [];
      const names = splitNames(joinValue([list.pop() ?? "", more]));
      (minutes[key] as string[]) = [...list, ...names];
    } else if (key === "meeting") minutes.meeting = `${minutes.meeting ?? ""} ${more}`.trim();
    else (minutes[key] as string) = `${(minutes[key] as string | undefined) ?? ""} ${more}`.trim();
    diag(ctx, "info", "normalise:minutes-meta", `minutes ${key} runs on over the next line`, at);
  };
  let lastKey: keyof MinutesMeta | undefined;
  let inTitle = false;
  let titleSeen = false;
  /** Where the title's lines stand in `kept`. */
  let titleAt = 0;
  let fieldSeen = false;
  for (let gi = 0; gi < groups.length; gi++) {
    const grp = groups[gi]!;
    const first = textOf(grp[0]!);
    const value = grp.map(textOf).join(" ");
    const f = FIELD.exec(first);
    const key = f ? FIELDS.find(([re]) => re.test(f[1]!))?.[1] : undefined;
    if (f) {
      inTitle = false;
      fieldSeen = true;
    }
    if (f && key) {
      // (a field's value with the groups that go on from it: where it closes a sentence, it is a
      // sentence of the minutes, "Aanwezig: de kroonleden …; namens …, en de heer Smit (verslag).",
      // which stays in the text as it stands, not a letterhead's list of names)
      let upto = gi;
      while (upto + 1 < groups.length && adjoining.has(groups[upto + 1]!) && !FIELD.test(textOf(groups[upto + 1]![0]!))) upto++;
      const run = groups.slice(gi, upto + 1).flat();
      const whole = joinValue([f[2]!, ...run.slice(1).map(textOf)]).trim();
      if (whole && ENDS_SENTENCE.test(whole)) {
        kept.push(...run, emptyAfter(run));
        diag(ctx, "info", "normalise:minutes-text", `minutes ${key} closes a sentence: kept in the text`, grp[0]!);
        gi = upto;
        lastKey = undefined;
        continue;
      }
      const v = joinValue([f[2]!, ...grp.slice(1).map(textOf)]).trim();
      if (v) set(key, v, grp[0]!);
      else waiting.push(key);
      lastKey = v ? key : undefined;
      continue;
    }
    // lines that follow a field's value with no empty line between (a wrapped paragraph) go on with it
    if (!f && lastKey && adjoining.has(grp)) {
      append(lastKey, value, grp[0]!);
      continue;
    }
    lastKey = undefined;
    const code = /^\p{Lu}{4,}\s+([A-Z]{0,3}\/?\d{3,})$/u.exec(value);
    if (code) {
      number = code[1]!;
      continue;
    }
    if (!f && waiting.length) {
      set(waiting.shift()!, value, grp[0]!);
      continue;
    }
    if (f) {
      const last = grp[grp.length - 1]!;
      kept.push(...grp, { line: last.line, page: last.page, raw: "", pageStart: false });
      continue;
    }
    // The first group before any field of four words or more that closes no sentence, and the
    // groups that follow it at once without a field: the document's title ("Verslag van de
    // vergadering van de commissie" / "Sociale Zekerheid en Pensioenen van 12 maart 2025"), which
    // stays in the text, its lines marked as the title (the title block of segment.ts takes them
    // for the first heading, whose lines are joined as any block's are).
    const titleLike = !/[.;:,]$/.test(value);
    if (inTitle ? adjoining.has(grp) && titleLike : !fieldSeen && !titleSeen && titleLike && value.split(" ").length >= 4 && /^\p{Lu}/u.test(value)) {
      const title = grp.map((l) => ({ ...l, title: true }));
      // (before the empty line that ends the title's first group)
      if (inTitle) kept.splice(kept.length - 1, 0, ...title);
      else {
        titleAt = kept.length;
        kept.push(...title, emptyAfter(grp));
      }
      inTitle = titleSeen = true;
      continue;
    }
    // A group that goes on from the title's lines in lower case or with a number and closes a
    // sentence ("Verslag van de vergadering …, gehouden op vrijdag 20 maart" / "2026 van 13.30 tot
    // 16.15 uur …."): the title was a paragraph's first line, and the two stay in the text as one.
    if (inTitle && adjoining.has(grp) && /^[\p{Ll}\p{N}]/u.test(first) && ENDS_SENTENCE.test(value)) {
      const opening = kept.splice(titleAt).filter((l) => !isBlank(l)).map((l) => ({ ...l, title: false }));
      kept.push(...opening, ...grp, emptyAfter(grp));
      inTitle = false;
      continue;
    }
    inTitle = false;
    // A sentence is no letterhead: it stays in the text, also where it runs on over groups that
    // follow without an empty line, each opening in lower case ("Verslag van de vergadering …
    // (OA)," / "gehouden op … in de Tinbergenzaal" / "van het raadsgebouw te Den Haag.")
    let last = gi;
    let said = value;
    for (let next = groups[last + 1]; !ENDS_SENTENCE.test(said) && next && adjoining.has(next) && /^\p{Ll}/u.test(textOf(next[0]!)) && !FIELD.test(textOf(next[0]!)); next = groups[last + 1]) {
      said += ` ${next.map(textOf).join(" ")}`;
      last++;
    }
    if (ENDS_SENTENCE.test(said) && said.split(" ").length >= 4) {
      const sentence = groups.slice(gi, last + 1).flat();
      kept.push(...sentence, emptyAfter(sentence));
      gi = last;
      continue;
    }
    // An unlabelled line of the letterhead ("Algemeen Secretariaat"): an artefact, removed and reported.
    for (const l of grp) diag(ctx, "info", "normalise:minutes-header", `header line left out of the text: "${textOf(l)}"`, l);
  }
  for (const k of waiting) diag(ctx, "warning", "normalise:minutes-meta", `minutes field ${k} has no value`);
  let date: string | undefined;
  const dm = /(\d{1,2})\s+(\p{L}+)\s+(\d{4})/u.exec(minutes.datetime ?? "");
  if (dm) {
    const mo = MONTHS.indexOf(dm[2]!.toLowerCase());
    if (mo >= 0) date = `${dm[3]}-${String(mo + 1).padStart(2, "0")}-${dm[1]!.padStart(2, "0")}`;
  }
  return { minutes, number, date, rest: [...kept, ...lines.slice(end)] };
}

import type { Glossary } from "./glossary.ts";
import { isSegmentKey, segmentKey, normaliseSegmentText } from "./key.ts";
import { SHARED_NS, type EntryStatus, type MemoryEntries } from "./memory.ts";
import { stampEntry, type ImportStamp } from "./provenance.ts";
import { checkPlaceholders, isPaired, placeholderTokens, type Code } from "./placeholders.ts";
import type { BestMatch } from "./analyse.ts";
import type { SegmentResult } from "./translate.ts";
import { childrenNamed, escapeAttr, escapeText, localName, parseXml, textContent, XmlSyntaxError, type XmlElement } from "./xml.ts";

export const XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0";
/** Tweeluik's own attributes in XLIFF (tw:ns = the memory namespace a unit belongs to). */
export const TWEELUIK_NS = "urn:tweeluik:xliff:1";

/** Statuses a segment must have to be exported for work (all others are done). */
const NEEDS_WORK = new Set(["untranslated", "fuzzy", "stale", "draft", "invalid"]);

/** Options of exportXliff. */
export interface XliffExportOptions {
  slug: string;
  /** The source file, for the file's `original` attribute and location notes. */
  original: string;
  glossary: Glossary;
  /** Export every segment, not only those that need work. */
  all?: boolean;
  /** Also export segments with a QA or house-style warning (a copy-edit pass), each warning as a note. */
  warnings?: boolean;
  /** Keys that occur in more than one document: their units go to the shared namespace. */
  sharedKeys?: ReadonlySet<string>;
  /**
   * The best match of the whole memory per segment key (see bestMatch in
   * analyse.ts): a unit with no entry of its own is pre-filled with it as a
   * draft (state initial) marked for review.
   */
  prefill?: ReadonlyMap<string, BestMatch>;
}

/** Segment text with placeholders → XLIFF 2.0 inline content (`<ph/>`, `<pc>`). */
export function toXliffInline(text: string, codes: readonly Code[]): string {
  let out = "";
  let pos = 0;
  for (const t of placeholderTokens(text)) {
    out += escapeText(text.slice(pos, t.index));
    pos = t.index + t.text.length;
    const code = codes[t.id - 1];
    if (!code) out += escapeText(t.text);
    else if (!isPaired(code)) out += `<ph id="${t.id}" type="other" disp="${escapeAttr(code.kind === "noteRef" ? `[${code.id}]` : "")}"/>`;
    else if (t.close) out += "</pc>";
    else out += `<pc id="${t.id}" ${pcAttributes(code)}>`;
  }
  return out + escapeText(text.slice(pos));
}

function pcAttributes(code: Code): string {
  switch (code.kind) {
    case "emphasis":
      return 'type="fmt" subType="xlf:i"';
    case "strong":
      return 'type="fmt" subType="xlf:b"';
    case "link":
      return `type="link" dispStart="${escapeAttr(code.url)}"`;
    case "foreign":
      return `type="other" dispStart="${escapeAttr(`[${code.lang}]`)}"`;
    case "noteRef":
      return 'type="other"';
  }
}

/**
 * The segments of one document that need work (or all) as an XLIFF 2.0
 * file: one unit per distinct segment key, with the location(s), glossary
 * terms and any fuzzy or stale candidate as notes, and an existing draft as
 * the target. Units are keyed by the memory key, so a returned file can be
 * matched back exactly.
 */
export function exportXliff(results: readonly SegmentResult[], opts: XliffExportOptions): string {
  const byKey = new Map<string, SegmentResult[]>();
  for (const r of results) {
    if (r.status === "copy") continue;
    // A translation with a QA error (a forbidden term, a wrong figure) needs work too.
    const flagged = r.issues.some((i) => i.severity === "error" || (opts.warnings && i.severity === "warning" && !i.code.startsWith("translate:")));
    if (!opts.all && !NEEDS_WORK.has(r.status) && !flagged) continue;
    byKey.set(r.segment.key, [...(byKey.get(r.segment.key) ?? []), r]);
  }
  const units: string[] = [];
  for (const [key, rs] of byKey) {
    const r = rs[0]!;
    const notes: string[] = [];
    const where = rs.map((x) => `${x.segment.position.file}:${x.segment.position.line} (${x.segment.id}, ${x.segment.path})`).join("; ");
    notes.push(`<note category="location">${escapeText(where)}</note>`);
    const seen = new Set<string>();
    for (const h of r.hits) {
      if (seen.has(h.entry.id)) continue;
      seen.add(h.entry.id);
      const forbidden = h.entry.forbidden.length ? `; not: ${h.entry.forbidden.join(", ")}` : "";
      notes.push(`<note category="glossary">${escapeText(`${h.matched} → ${h.entry.approved.join(" / ")}${forbidden}`)}</note>`);
    }
    if (r.match.kind === "fuzzy" || r.match.kind === "stale") {
      const pct = Math.round(r.match.score * 100);
      notes.push(`<note category="${r.match.kind}" priority="2">${escapeText(`${pct}% ${r.match.kind === "stale" ? "(earlier version of this sentence) " : ""}${r.match.ns}:${r.match.key}: ${r.match.entry.source} ⇒ ${r.match.entry.target}`)}</note>`);
    }
    for (const i of r.issues.filter((i) => i.severity === "error" || (opts.warnings && i.severity === "warning" && !i.code.startsWith("translate:")))) {
      notes.push(`<note category="qa">${escapeText(`${i.code}: ${i.message}`)}</note>`);
    }
    // the entry's translator's note goes out and comes back (edited, or emptied to remove it)
    if (r.match.kind === "exact" && r.match.entry.note) notes.push(`<note category="translator">${escapeText(r.match.entry.note)}</note>`);
    const ns = opts.sharedKeys?.has(key) ? SHARED_NS : opts.slug;
    const draft = r.match.kind === "exact" ? r.match.entry : undefined;
    const state = draft ? (draft.status === "draft" ? "initial" : draft.status) : "initial";
    let target = draft && draft.target ? `\n        <target>${toXliffInline(draft.target, r.segment.codes)}</target>` : "";
    const pre = !target ? opts.prefill?.get(key) : undefined;
    // pre-filled only where the match's inline codes fit this segment's, so the draft can be imported as it is
    if (pre && checkPlaceholders(pre.entry.target, r.segment.codes).length === 0) {
      const kind = pre.score >= 1 ? "exact match" : `${Math.round(pre.score * 100)}% match`;
      notes.push(`<note category="prefill" priority="1">${escapeText(`pre-filled from ${pre.ns}:${pre.key} (${kind}): review before setting the state to translated`)}</note>`);
      target = `\n        <target>${toXliffInline(pre.entry.target, r.segment.codes)}</target>`;
    }
    units.push(
      `    <unit id="${key}" tw:ns="${escapeAttr(ns)}">
      <notes>
        ${notes.join("\n        ")}
      </notes>
      <segment state="${state}">
        <source>${toXliffInline(r.segment.text, r.segment.codes)}</source>${target}
      </segment>
    </unit>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="${XLIFF_NS}" xmlns:tw="${TWEELUIK_NS}" version="2.0" srcLang="nl" trgLang="en">
  <file id="${escapeAttr(opts.slug)}" original="${escapeAttr(opts.original)}">
${units.join("\n")}
  </file>
</xliff>
`;
}

/** One translated unit read from a returned XLIFF file. */
export interface XliffUnit {
  key: string;
  ns: string;
  source: string;
  target: string;
  status: EntryStatus;
  line: number;
  /**
   * The unit's `<note category="translator">` (a translator's note, e.g. where the
   * English corrects the author's text): set on the entry; an empty one removes it;
   * none leaves the entry's note as it is.
   */
  note?: string;
}

/** A problem in a returned XLIFF file, with its line. */
export interface XliffProblem {
  line: number;
  message: string;
}

/**
 * Read a returned XLIFF 2.0 file. Malformed XML, a wrong root or language
 * pair, unit ids that are not the key of their source, placeholders that do
 * not match the source (missing, duplicated, unknown, out of order) and
 * unsupported inline markup are problems with their line. Units without a
 * target are skipped (still to do).
 */
export function parseXliff(text: string): { slug?: string; translator?: string; reviser?: string; units: XliffUnit[]; problems: XliffProblem[] } {
  const problems: XliffProblem[] = [];
  const units: XliffUnit[] = [];
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) return { units, problems: [{ line: e.line, message: `malformed XML: ${e.message}` }] };
    throw e;
  }
  if (localName(root.name) !== "xliff" || root.attrs.xmlns !== XLIFF_NS || root.attrs.version !== "2.0") {
    problems.push({ line: root.line, message: `expected <xliff xmlns="${XLIFF_NS}" version="2.0">` });
    return { units, problems };
  }
  if (root.attrs.srcLang !== "nl" || root.attrs.trgLang !== "en") problems.push({ line: root.line, message: `expected srcLang="nl" trgLang="en", got "${root.attrs.srcLang}" → "${root.attrs.trgLang}"` });
  const files = childrenNamed(root, "file");
  if (files.length !== 1) {
    problems.push({ line: root.line, message: `expected exactly one <file> (one document), found ${files.length}` });
    return { units, problems };
  }
  const file = files[0]!;
  const slug = file.attrs.id;
  if (!slug || !/^[a-z0-9][a-z0-9-]*$/.test(slug)) problems.push({ line: file.line, message: `<file id> must be the document's slug, got ${JSON.stringify(slug)}` });
  const seen = new Map<string, number>();
  for (const unit of childrenNamed(file, "unit")) {
    const key = unit.attrs.id ?? "";
    const line = unit.line;
    if (!isSegmentKey(key)) {
      problems.push({ line, message: `unit id "${key}" is not a segment key` });
      continue;
    }
    if (seen.has(key)) problems.push({ line, message: `unit "${key}" occurs twice (also line ${seen.get(key)})` });
    seen.set(key, line);
    const ns = unit.attrs["tw:ns"] ?? slug ?? "";
    if (ns !== slug && ns !== SHARED_NS) problems.push({ line, message: `unit "${key}": tw:ns must be "${slug}" or "${SHARED_NS}", got "${ns}"` });
    const segments = childrenNamed(unit, "segment");
    if (segments.length !== 1) {
      problems.push({ line, message: `unit "${key}" must have exactly one <segment> (found ${segments.length})` });
      continue;
    }
    const seg = segments[0]!;
    const src = childrenNamed(seg, "source")[0];
    if (!src) {
      problems.push({ line: seg.line, message: `unit "${key}" has no <source>` });
      continue;
    }
    const source = fromXliffInline(src, problems);
    if (segmentKey(source.text) !== key) {
      problems.push({ line: src.line, message: `unit id "${key}" does not match its source (the source was edited or belongs to another unit)` });
      continue;
    }
    const tgt = childrenNamed(seg, "target")[0];
    if (!tgt) continue;
    const target = fromXliffInline(tgt, problems);
    if (!target.text.trim()) continue;
    for (const p of checkPlaceholders(target.text, source.codes)) {
      problems.push({ line: tgt.line, message: `unit "${key}": placeholder ${p.token.replace(/\{\/?(\d+)\}/, '<ph|pc id="$1">')} ${p.kind === "missing" ? "of the source is missing" : p.kind === "duplicated" ? "occurs more than once" : p.kind === "unknown" ? "is not in the source" : "is out of order"}` });
    }
    const state = seg.attrs.state ?? "initial";
    const status: EntryStatus | undefined = state === "initial" ? "draft" : state === "translated" ? "translated" : state === "reviewed" || state === "final" ? "reviewed" : undefined;
    if (!status) {
      problems.push({ line: seg.line, message: `unit "${key}": unknown segment state "${state}"` });
      continue;
    }
    const translatorNotes = childrenNamed(unit, "notes").flatMap((n) => childrenNamed(n, "note")).filter((n) => n.attrs.category === "translator");
    if (translatorNotes.length > 1) problems.push({ line: translatorNotes[1]!.line, message: `unit "${key}" has more than one translator's note (<note category="translator">)` });
    const note = translatorNotes[0] ? textContent(translatorNotes[0]).replace(/\s+/g, " ").trim() : undefined;
    units.push({ key, ns, source: source.text, target: target.text, status, line: tgt.line, ...(note !== undefined ? { note } : {}) });
  }
  // who did the work, where the tool or the agency records it on the file
  const who = (attr: string) => (file.attrs[attr]?.trim() ? { [attr.slice(3)]: file.attrs[attr]!.trim() } : {});
  return { ...(slug ? { slug } : {}), ...who("tw:translator"), ...who("tw:reviser"), units, problems };
}

/**
 * XLIFF inline content → segment text with placeholders, and the codes the
 * placeholders stand for (as far as the structure tells: paired or not).
 */
function fromXliffInline(el: XmlElement, problems: XliffProblem[]): { text: string; codes: Code[] } {
  const codes: Code[] = [];
  const walk = (e: XmlElement): string => {
    let out = "";
    for (const c of e.children) {
      if (typeof c === "string") {
        out += c;
        continue;
      }
      const name = localName(c.name);
      const id = c.attrs.id ?? "";
      if ((name === "ph" || name === "pc") && /^[1-9]\d*$/.test(id)) {
        const n = Number(id);
        codes[n - 1] = name === "ph" ? { kind: "noteRef", id } : { kind: "emphasis" };
        out += name === "ph" ? `{${n}}` : `{${n}}${walk(c)}{/${n}}`;
      } else {
        problems.push({ line: c.line, message: `unsupported inline element <${c.name}${id ? ` id="${id}"` : ""}> (use <ph id="n"/> and <pc id="n">…</pc> as exported)` });
        out += walk(c);
      }
    }
    return out;
  };
  const text = walk(el);
  for (let i = 0; i < codes.length; i++) if (!codes[i]) codes[i] = { kind: "noteRef", id: String(i + 1) };
  return { text, codes };
}

/**
 * Apply parsed units to memory namespaces, purely: returns new namespace
 * objects and what changed. Units for keys that are not segments of the
 * document now (`liveKeys`) are problems: the document changed since the
 * export. An entry moving to the shared namespace leaves the document's.
 */
export function applyXliffUnits(
  units: readonly XliffUnit[],
  namespaces: Readonly<Record<string, MemoryEntries>>,
  liveKeys?: ReadonlySet<string>,
  stamp?: ImportStamp,
): { namespaces: Record<string, MemoryEntries>; changed: { ns: string; key: string; kind: "added" | "updated" }[]; problems: XliffProblem[] } {
  const out: Record<string, MemoryEntries> = {};
  for (const [ns, entries] of Object.entries(namespaces)) out[ns] = { ...entries };
  const changed: { ns: string; key: string; kind: "added" | "updated" }[] = [];
  const problems: XliffProblem[] = [];
  for (const u of units) {
    if (liveKeys && !liveKeys.has(u.key)) {
      problems.push({ line: u.line, message: `unit "${u.key}" is not a segment of the document any more (re-export and translate the new text)` });
      continue;
    }
    const ns = (out[u.ns] ??= {});
    // an entry moving to the shared namespace keeps its provenance
    const moved = u.ns === SHARED_NS ? Object.entries(out).find(([other, entries]) => other !== SHARED_NS && entries[u.key])?.[1][u.key] : undefined;
    const old = ns[u.key] ?? moved;
    for (const [other, entries] of Object.entries(out)) if (other !== u.ns && other !== SHARED_NS && entries[u.key] && u.ns === SHARED_NS) delete entries[u.key];
    const sameNote = u.note === undefined || (old?.note ?? "") === u.note;
    if (ns[u.key] && old && old.target === u.target && old.status === u.status && sameNote && normaliseSegmentText(old.source) === normaliseSegmentText(u.source)) continue;
    if (stamp) {
      // a reviewed unit needs its reviser, any other its translator
      const role = u.status === "reviewed" ? "reviser" : "translator";
      if (!stamp[role]) {
        problems.push({ line: u.line, message: `unit "${u.key}" is returned as ${u.status}: who ${role === "reviser" ? "reviewed" : "translated"} it? (--${role} NAME, or tw:${role} on <file>)` });
        continue;
      }
    }
    const next = stamp ? stampEntry(old, { source: u.source, target: u.target, status: u.status }, stamp) : { ...(old ?? {}), source: u.source, target: u.target, status: u.status };
    if (!stamp && old && old.target !== u.target) delete next.accepted;
    if (u.note) next.note = u.note;
    else if (u.note === "") delete next.note;
    ns[u.key] = next;
    changed.push({ ns: u.ns, key: u.key, kind: old ? "updated" : "added" });
  }
  return { namespaces: out, changed, problems };
}

import { KINDS, type Diagnostic, type Kind, type Meta, type NormalisedDocument, type Note, type PageConvention, type RawSource } from "../document/types.ts";
import { inLang, type SourceConfig } from "../config/schema.ts";
import { BACK_LINK, diag, posOf, type LineCtx, type Ln } from "./lines.ts";
import { toLines, removePageNumbers } from "./pages.ts";
import { orderColumns } from "./columns.ts";
import { removeRunningHeads } from "./running-heads.ts";
import { removeContents } from "./contents.ts";
import { removePageFurniture } from "./furniture.ts";
import { normaliseSpacing } from "./spacing.ts";
import { extractFootnotes, splitGluedNoteStarts } from "./footnotes.ts";
import { closeSpacedHyphens, keepsLineEndHyphens, measureOf, mendCutLines, mendDroppedHyphens, mendSplitWords } from "./measure.ts";
import { extractMinutesHeader } from "./minutes-meta.ts";
import { labelledSequences, segment, type RawBlock, type SegmentOptions } from "./segment.ts";
import type { RawNote } from "./footnotes.ts";
import type { Lexicon, TextLang } from "./lexicon.ts";
import type { MinutesHeader } from "./minutes-meta.ts";
import { spellMisreadLigatures } from "./ligatures.ts";
import { buildLexicon } from "./lexicon.ts";
import { joinLines } from "./dehyphenate.ts";
import { removeEndnoteMarkers } from "./endnote-markers.ts";
import { linkNoteRefs, toInlines, type NoteKey } from "./footnote-refs.ts";
import { buildBlocks, Ids, plainText } from "./build-blocks.ts";
import { markOpenings, markSetApart, shapeMagazine } from "./magazine.ts";
import { applyCorrections } from "./corrections.ts";

const CONVENTIONS: Record<PageConvention, string> = {
  "form-feed": "pages separated by form feeds (pdftotext): page furniture found by position and repetition",
  inferred: "no page marks in the text: pages told by the numbers printed on them; page furniture found by position and repetition",
  "lead-space": "a page opens with a line that starts with one space (or a bullet whose glyph was lost)",
  plain: "no page marks in the text: pages are not known",
};

/** A source config as loaded from YAML (its kind is checked here, so the loader's plain string will do). */
export type NormaliseConfig = Omit<SourceConfig, "kind"> & { kind: string };

export interface NormaliseOptions {
  /** The kind of document when no config says it (default "report"). */
  kind?: Kind;
  /**
   * Other texts of the same corpus (whole files). Their word forms are
   * evidence for line-end hyphens: "sociaal-|economische" keeps its hyphen
   * where the corpus writes "sociaal-economische".
   */
  corpus?: readonly string[];
  /** The language the text is written in, whose word list is evidence (default Dutch). */
  lang?: TextLang;
}

/**
 * In the lead-space convention the reader counted a page at every line that
 * opens with one space; the blocks now say which of those spaces were bullets
 * whose glyph was lost (items with no marker). Those open no page: the page of
 * every line is counted again from the page starts that remain.
 */
function refinePages(all: readonly Ln[], lines: readonly Ln[], blocks: readonly RawBlock[]): void {
  const bullets = new Set(blocks.filter((b) => b.t === "item" && b.marker === "").map((b) => b.lines[0]!.line));
  const starts = lines.filter((l) => l.pageStart && !bullets.has(l.line)).map((l) => l.line);
  for (const l of all) {
    // the number of page starts at or before the line (starts are in line order)
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= l.line) lo = mid + 1;
      else hi = mid;
    }
    l.page = 1 + lo;
  }
}

/** A magazine's page and column breaks are no paragraph joins and no lost bullets, its questions no headings. */
function magazineOr(o: SegmentOptions, kind: Kind): SegmentOptions {
  return kind === "magazine" ? { ...o, joinAcrossPages: false, lostBullets: false, questionHeadings: false } : o;
}

/**
 * A note's line as text: the first without its number ("4Wet …", "1. Zie …"),
 * the last without the back-link arrow a browser prints after an endnote.
 */
function noteLine(raw: string, label: string | undefined): string {
  const t = label === undefined ? raw : raw.trim().slice(label.length).replace(/^[.)]?\s*/, "");
  return t.replace(BACK_LINK, "");
}

/** The corpus without the source itself, so that its own forms count once. */
function otherTexts(raw: RawSource, corpus: readonly string[] = []): string[] {
  const squash = (t: string): string => t.replace(/[\s\f\uFEFF]+/g, "");
  const self = squash(raw.lines.map((l) => l.text).join(""));
  return corpus.filter((t) => squash(t) !== self);
}

/** The kind of document a front normalises: the config's (checked), else the option's, else a report. */
export function documentKind(config: NormaliseConfig | undefined, opts: NormaliseOptions): Kind {
  if (config && !(KINDS as readonly string[]).includes(config.kind))
    throw new TypeError(`Expected config.kind to be one of ${KINDS.join(", ")}, got "${config.kind}"`);
  return (config?.kind as Kind | undefined) ?? opts.kind ?? "report";
}

/**
 * Turn a PDF-extracted source into a normalised document. Pure: the same
 * source and config give the same document; nothing is read or written.
 * The passes run in this order, each one job:
 *   page furniture → printed contents → misread ligatures → minutes header → page numbers → running heads →
 *   column order → spacing →
 *   spaced line-end hyphens → cut lines → split words → dropped hyphens → glued note starts → footnotes →
 *   blocks → labelled sequences → hyphens → endnote markers → note references → nodes →
 *   magazine shape → editorial corrections.
 * Every doubtful decision is a diagnostic on the document.
 */
export function normalise(raw: RawSource, config?: NormaliseConfig, opts: NormaliseOptions = {}): NormalisedDocument {
  if (!raw || !Array.isArray(raw.lines)) throw new TypeError("Expected a RawSource with lines (from readSource)");
  const kind = documentKind(config, opts);
  const diagnostics: Diagnostic[] = [];
  const ctx: LineCtx = { file: raw.file, diagnostics };

  let lines = toLines(raw);
  const convention = raw.convention ?? "lead-space";
  diag(ctx, "info", "normalise:convention", CONVENTIONS[convention]);
  // (pages are known where form feeds part them or their printed numbers told them)
  const pagesKnown = convention === "form-feed" || convention === "inferred";
  if (pagesKnown) lines = removePageFurniture(lines, ctx);
  // (before the minutes' header, which ends at the first numbered heading: a contents' first entry is none)
  lines = removeContents(lines, ctx);
  let lex = buildLexicon(lines.map((l) => l.raw), otherTexts(raw, opts.corpus), opts.lang);
  // (a ligature the extraction decoded as another letter, told by the word list; the lexicon then
  // counts the words as they are spelt)
  const spelt = spellMisreadLigatures(lines, lex, ctx);
  if (spelt !== lines) {
    lines = spelt;
    lex = buildLexicon(lines.map((l) => l.raw), otherTexts(raw, opts.corpus), opts.lang);
  }
  const header = kind === "minutes" || (!config && !opts.kind) ? extractMinutesHeader(lines, ctx) : undefined;
  if (header) lines = header.rest;
  // (where the pages are known, their numbers went with the page furniture: a lone number left is text, a note's number)
  if (!pagesKnown) lines = removePageNumbers(lines, ctx);
  lines = removeRunningHeads(lines, ctx, { keepSectionHeads: kind === "magazine" });
  if (pagesKnown) lines = orderColumns(lines, ctx);
  if (kind === "magazine") lines = markSetApart(lines, ctx);
  const spaced = normaliseSpacing(lines, ctx);
  lines = closeSpacedHyphens(spaced.lines, lex, ctx);
  const width = measureOf(lines);
  // (a printed line an extraction cut in two where a sentence ended in a wide space)
  lines = mendCutLines(lines, width, ctx);
  // (an extraction that keeps line-end hyphens joined no printed lines: nothing to mend)
  const joins = !keepsLineEndHyphens(lines);
  if (joins) lines = mendSplitWords(lines, width, lex, ctx);
  // (pdftotext's default mode, pages parted by form feeds, drops a line-end hyphen where it joins printed lines)
  if (joins && pagesKnown) lines = mendDroppedHyphens(lines, width, lex, ctx);
  lines = splitGluedNoteStarts(lines, width, ctx);
  const { body, notes: rawNotes, endnotes } = extractFootnotes(lines, ctx);
  const rawBlocks = segment(body, magazineOr({ doubleSpaced: spaced.doubleSpaced, joinAcrossPages: true, endnotesAfter: endnotes, physical: raw.layout === "physical" }, kind), ctx);
  if (convention === "lead-space") refinePages([...body, ...rawNotes.flatMap((n) => n.lines)], lines, rawBlocks);
  if (kind === "magazine") markOpenings(rawBlocks, lex, ctx);

  return assemble({ file: raw.file, slug: raw.slug, firstText: raw.lines.find((l) => l.text.trim())?.text.trim(), rawBlocks, rawNotes, lex, kind, config, header, diagnostics });
}


/** What the front of the normaliser (text or layout) hands to the passes they share. */
export interface Assembly {
  file: string;
  slug: string;
  /** The first line of text: the title when neither config nor a heading gives one. */
  firstText?: string | undefined;
  rawBlocks: RawBlock[];
  rawNotes: RawNote[];
  lex: Lexicon;
  kind: Kind;
  config?: NormaliseConfig | undefined;
  header?: MinutesHeader | undefined;
  diagnostics: Diagnostic[];
}

/**
 * The passes every reader shares, from blocks of lines to the document:
 * labelled sequences → hyphens → endnote markers → note references → nodes →
 * magazine shape → editorial corrections → metadata.
 */
export function assemble(parts: Assembly): NormalisedDocument {
  const { rawBlocks, rawNotes, lex, kind, config, header, diagnostics } = parts;
  labelledSequences(rawBlocks);
  const joined = rawBlocks.map((b) => ({
    text: joinLines(
      b.lines.map((l, k) => ({ text: b.texts[k]!, position: posOf(parts.file, l) })),
      lex,
      diagnostics,
    ),
    position: posOf(parts.file, b.lines[0]!, b.lines[b.lines.length - 1]),
  }));
  const cleaned = rawNotes.length ? joined : removeEndnoteMarkers(joined, lex, diagnostics);

  const ids = new Ids();
  const noteKeys: NoteKey[] = rawNotes.map((n) => ({
    id: ids.take(n.run === 0 ? n.label : `${n.run + 1}-${n.label}`),
    label: n.label,
    position: posOf(parts.file, n.lines[0]!, n.lines[n.lines.length - 1]),
  }));
  const linked = linkNoteRefs(cleaned, noteKeys, diagnostics);
  const notes: Note[] = rawNotes.map((n, k) => ({
    type: "note",
    id: noteKeys[k]!.id,
    label: n.label,
    position: noteKeys[k]!.position,
    children: toInlines(
      joinLines(
        n.lines.map((l, j) => ({ text: noteLine(l.raw, j === 0 ? n.label : undefined), position: posOf(parts.file, l) })),
        lex,
        diagnostics,
      ),
    ),
  }));

  let children = buildBlocks(
    rawBlocks.map((b, k) => ({ raw: b, inlines: toInlines(linked[k]!), position: cleaned[k]!.position })),
    ids,
  );
  if (kind === "magazine") children = shapeMagazine(children, ids, diagnostics);
  if (config?.corrections?.length) {
    const textLines = new Map<number, readonly number[]>();
    for (const b of rawBlocks) {
      const own = b.lines.map((l) => l.line);
      for (const n of own) textLines.set(n, own);
    }
    children = applyCorrections(children, config.corrections, { file: parts.file, lex, diagnostics, ids, textLines });
  }

  const firstHeading = children.find((c) => c.type === "heading");
  const title = config?.title.nl ?? (firstHeading ? plainText(firstHeading.children) : (parts.firstText ?? parts.slug));
  const date = config?.date ?? header?.date ?? "";
  if (!date)
    diagnostics.push({ severity: "warning", code: "normalise:missing-date", message: "no date in the config or the text: meta.date is empty" });
  const meta: Meta = {
    slug: parts.slug,
    kind,
    title,
    titles: { nl: title, en: config?.title.en ?? "" },
    date,
    publisher: inLang(config?.publisher, "nl") ?? "",
  };
  if (config?.subtitle) meta.subtitle = config.subtitle.nl;
  if (config?.dateNote) meta.dateNote = inLang(config.dateNote, "nl");
  if (config?.author) meta.author = inLang(config.author, "nl");
  if (config?.description) meta.description = config.description.nl;
  if (config?.keywords) meta.keywords = config.keywords.nl;
  const number = config?.number ?? header?.number;
  if (number) meta.number = number;
  if (header) meta.minutes = header.minutes;
  return { type: "document", stage: "normalised", lang: "nl", meta, children, notes, diagnostics };
}

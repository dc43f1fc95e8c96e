import type { Block, FlowBlock, Inline, ListItem, Note, Position, NormalisedDocument, DocumentOf, Stage } from "../document/types.ts";
import { segmentKey } from "./key.ts";
import { DUTCH_RULES, breakPositions, type SrxRule } from "./srx.ts";
import { flattenInlines, placeholderTokens, renumber, stripPlaceholders, type Code } from "./placeholders.ts";

/** One sentence-sized unit of translation. */
export interface Segment {
  /** Position in the document's reading order: "s0001", "s0002", … (document order, notes last). */
  id: string;
  /** Memory key: segmentKey(text). The same Dutch sentence has the same key everywhere. */
  key: string;
  /** The Dutch text with placeholders `{n}` / `{n}…{/n}` for inline codes, numbered from 1. */
  text: string;
  /** codes[n-1] is what placeholder n stands for. */
  codes: Code[];
  /** The source position of the block or note the segment belongs to. */
  position: Position;
  /** Where in the document: block path ("3", "5.li2.0", "note:fn3") and field ("title", "lead", …). */
  path: string;
  /** True for a segment with nothing to translate (only numbers, codes, a URL): it is copied as is. */
  copy: boolean;
}

/** A piece of an inline container cut at sentence boundaries. */
export interface InlinePiece {
  /** White space that stood before the piece in the container. */
  gap: string;
  text: string;
  codes: Code[];
}

/**
 * Cut inline content into sentences with the SRX rules. Placeholders stand
 * for inline codes; no break falls inside a code pair or inside an open
 * quotation. Returns the pieces and the container's trailing white space.
 */
export function segmentInlines(inlines: readonly Inline[], rules: readonly SrxRule[] = DUTCH_RULES): { pieces: InlinePiece[]; trailing: string } {
  const codes: Code[] = [];
  const flat = flattenInlines(inlines, codes);
  const blocked = blockedPositions(flat);
  const cuts = breakPositions(flat, rules, (i) => blocked[i] === true);
  const pieces: InlinePiece[] = [];
  let gap = "";
  let start = 0;
  for (const end of [...cuts, flat.length]) {
    const chunk = flat.slice(start, end);
    start = end;
    const lead = /^\s*/u.exec(chunk)![0];
    const trail = chunk.length === lead.length ? "" : /\s*$/u.exec(chunk)![0];
    const core = chunk.slice(lead.length, chunk.length - trail.length);
    gap += lead;
    if (core === "") continue;
    const { text, codes: own } = renumber(core, codes);
    pieces.push({ gap, text, codes: own });
    gap = trail;
  }
  const trailing = gap;
  return { pieces, trailing };
}

/** Positions inside a code pair or an open quotation (where no break may fall). */
function blockedPositions(text: string): boolean[] {
  const blocked: boolean[] = new Array<boolean>(text.length).fill(false);
  let depth = 0;
  const tokens = placeholderTokens(text);
  const pairs = new Set(tokens.filter((t) => t.close).map((t) => t.id));
  let ti = 0;
  for (let i = 0; i < text.length; i++) {
    while (ti < tokens.length && tokens[ti]!.index === i) {
      const t = tokens[ti]!;
      if (pairs.has(t.id)) depth += t.close ? -1 : 1;
      ti++;
    }
    if (depth > 0) blocked[i] = true;
  }
  // Quotations: ‘…’ and “…”. A ’ between letters is an apostrophe (regio’s).
  const quote: boolean[] = new Array<boolean>(text.length).fill(false);
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "‘" || c === "“") open++;
    else if ((c === "’" || c === "”") && open > 0 && !(c === "’" && /\p{L}/u.test(text[i - 1] ?? "") && /\p{L}/u.test(text[i + 1] ?? ""))) open--;
    if (open > 0) quote[i] = true;
  }
  // An unclosed quotation (a typo in the source) must not swallow the rest.
  if (open === 0) for (let i = 0; i < text.length; i++) if (quote[i]) blocked[i] = true;
  return blocked;
}

/** True if the text has nothing a translator must translate: no letters, or only a URL or e-mail address. */
export function isCopyText(text: string): boolean {
  const bare = stripPlaceholders(text).trim();
  if (!/\p{L}/u.test(bare)) return true;
  return /^(?:(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|eu|net)(?:\/\S*)?)[.;,]?$/iu.test(bare);
}

/** One inline container of the document (a paragraph's children, a heading, an article's lead, …). */
export interface Slot {
  path: string;
  position: Position;
}

/**
 * Rebuild the document with every inline container passed through `fn`,
 * keeping all blocks, ids and positions: the one walk that both extraction
 * and translation use, so they agree on what a segment is.
 */
export function mapSlots<S extends Stage, T extends Stage>(
  doc: DocumentOf<S>,
  fn: (inlines: Inline[], slot: Slot) => Inline[],
  stage: T,
): Pick<DocumentOf<T>, "children" | "notes"> {
  const flow = (b: Block, path: string): FlowBlock => block(b, path) as FlowBlock;
  const block = (b: Block, path: string): Block => {
    const at = (field: string): Slot => ({ path: field ? `${path}.${field}` : path, position: b.position });
    switch (b.type) {
      case "heading":
        return { ...b, children: fn(b.children, at("")) };
      case "paragraph":
        return { ...b, children: fn(b.children, at("")) };
      case "quote":
        return { ...b, children: fn(b.children, at("")) };
      case "caption":
        return { ...b, children: fn(b.children, at("")) };
      case "list":
        return { ...b, children: b.children.map((li, i) => block(li, `${path}.li${i}`) as ListItem) };
      case "listItem":
        return { ...b, children: b.children.map((c, i) => block(c, `${path}.${i}`)) } as ListItem;
      case "box": {
        // reading order: the title before the body
        const title = b.title ? fn(b.title, at("title")) : undefined;
        const out = { ...b, children: b.children.map((c, i) => flow(c, `${path}.${i}`)) };
        if (title) out.title = title;
        return out;
      }
      case "article": {
        // reading order: kicker, title, lead, byline, body
        const kicker = b.kicker ? fn(b.kicker, at("kicker")) : undefined;
        const out = { ...b, title: fn(b.title, at("title")), children: [] as FlowBlock[] };
        if (kicker) out.kicker = kicker;
        if (b.lead) out.lead = fn(b.lead, at("lead"));
        if (b.byline) out.byline = fn(b.byline, at("byline"));
        out.children = b.children.map((c, i) => flow(c, `${path}.${i}`));
        return out;
      }
      default: {
        const never: never = b;
        throw new Error(`unknown block ${JSON.stringify(never)}`);
      }
    }
  };
  void stage;
  const children = doc.children.map((b, i) => flow(b, String(i)));
  const notes: Note[] = doc.notes.map((n) => ({ ...n, children: fn(n.children, { path: `note:${n.id}`, position: n.position }) }));
  return { children, notes };
}

/** All segments of a Dutch document in reading order (body first, then notes). */
export function extractSegments(doc: NormalisedDocument, rules: readonly SrxRule[] = DUTCH_RULES): Segment[] {
  const out: Segment[] = [];
  mapSlots(
    doc,
    (inlines, slot) => {
      for (const piece of segmentInlines(inlines, rules).pieces) out.push(makeSegment(out.length, piece, slot));
      return inlines;
    },
    "normalised",
  );
  return out;
}

/** A Segment from a piece of a slot; `index` is its 0-based reading-order number. */
export function makeSegment(index: number, piece: InlinePiece, slot: Slot): Segment {
  return {
    id: `s${String(index + 1).padStart(4, "0")}`,
    key: segmentKey(piece.text),
    text: piece.text,
    codes: piece.codes,
    position: slot.position,
    path: slot.path,
    copy: isCopyText(piece.text),
  };
}

/** Split plain text (no inline codes) into sentences: for tests and tools. */
export function splitSentences(text: string, rules: readonly SrxRule[] = DUTCH_RULES): string[] {
  return segmentInlines([{ type: "text", value: text }], rules).pieces.map((p) => p.text);
}

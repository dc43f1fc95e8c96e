import { createHash } from "node:crypto";
import type {
  Article,
  Block,
  Box,
  Diagnostic,
  Foreign,
  Heading,
  Inline,
  Lang,
  List,
  ListItem,
  MinutesMeta,
  Note,
  Position,
  RenderableDocument,
} from "../document/types.ts";
import { formatDate, t } from "../i18n/ui.ts";
import { isEmptyHeading } from "../document/structure.ts";
import { headingText, speakerAt } from "../document/text.ts";
import {
  PANDOC_API_VERSION,
  type Block as PBlock,
  type Inline as PInline,
  type MetaValue,
  type PandocDocument,
} from "./pandoc-types.ts";

/** Namespace of the name-based (v5) UUIDs that identify Tweeluik editions. */
const TWEELUIK_NS = "6f1c2a4e-5b7d-4e0a-9c3b-2d8e1f4a7b60";

/** A stable identifier per document and language: urn:uuid of uuidv5(slug/lang). */
export function editionIdentifier(slug: string, lang: Lang): string {
  return `urn:uuid:${uuidV5(`tweeluik:${slug}:${lang}`, TWEELUIK_NS)}`;
}

function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface Ctx {
  lang: Lang;
  kind: RenderableDocument["meta"]["kind"];
  notes: Map<string, Note>;
  usedNotes: Set<string>;
  ids: Set<string>;
  inNote: boolean;
  /** Boxes so far: their ids and default names count them. */
  boxes: number;
  /** Notes so far in this chapter: pandoc numbers notes per chapter file, 1, 2, 3… */
  chapterNotes: number;
  /** The position of the block being converted (for diagnostics about its inlines). */
  position?: Position;
  diagnostics: Diagnostic[];
}

/**
 * Turn a renderable document into a Pandoc JSON AST (API 1.22) for the EPUB
 * writer: one handler per node type, notes as Pandoc `Note`s (EPUB 3
 * footnotes with back-links), set-apart blocks as classed Divs. Doubtful
 * input (unknown nodes, dangling note references, unused notes) is pushed
 * onto `diagnostics` and still rendered, never dropped.
 */
export function toPandocAst(doc: RenderableDocument, diagnostics: Diagnostic[] = []): PandocDocument {
  if (doc?.type !== "document" || !Array.isArray(doc.children)) {
    throw new TypeError("Expected a RenderableDocument (type \"document\" with children)");
  }
  const ctx: Ctx = {
    lang: doc.lang,
    kind: doc.meta.kind,
    notes: new Map(doc.notes.map((n) => [n.id, n])),
    usedNotes: new Set(),
    ids: new Set(["minutes", "notes", "doc-start"]),
    inNote: false,
    boxes: 0,
    chapterNotes: 0,
    diagnostics,
  };
  const blocks: PBlock[] = [];
  if (doc.meta.minutes) blocks.push(...minutesHeader(doc.meta.minutes, doc.lang));
  for (const node of doc.children) blocks.push(...block(node, ctx));

  const unused = doc.notes.filter((n) => !ctx.usedNotes.has(n.id));
  if (unused.length > 0) {
    for (const n of unused) {
      report(ctx, "warning", "epub:unreferenced-note", `note ${n.label} (${n.id}) is not referenced from the text; it is set at the end`, n.position);
    }
    blocks.push({ t: "Header", c: [1, ["notes", ["unnumbered", "notes"], []], text(t(doc.lang, "notes"))] });
    for (const n of unused) {
      blocks.push({
        t: "Div",
        c: [["", ["note"], []], [{ t: "Para", c: [span(["note-label"], text(n.label)), { t: "Space" }, ...inlines(n.children, ctx)] }]],
      });
    }
  }
  const docMeta = meta(doc, ctx);
  // Content before the first chapter heading would get a heading from pandoc
  // itself, with an id made from the title that can clash with ours: make it here.
  if (!startsChapter(blocks[0])) {
    const title = docMeta.title?.t === "MetaInlines" ? docMeta.title.c : text(doc.meta.slug);
    blocks.unshift({ t: "Header", c: [1, ["doc-start", ["unnumbered"], []], title] });
  }
  return { "pandoc-api-version": [...PANDOC_API_VERSION], meta: docMeta, blocks };
}

function startsChapter(b: PBlock | undefined): boolean {
  return b?.t === "Header" && b.c[0] === 1;
}

// ---------------------------------------------------------------- metadata

function meta(doc: RenderableDocument, ctx: Ctx): Record<string, MetaValue> {
  const m = doc.meta;
  const lang = doc.lang;
  const str = (c: string): MetaValue => ({ t: "MetaString", c });
  const has = (v: string | undefined): v is string => typeof v === "string" && v.trim() !== "";
  const where = { file: `source/${m.slug}.yaml`, line: 1 };
  let title = m.title;
  if (!has(title)) {
    report(ctx, "warning", "epub:missing-metadata", `the document has no title: the EPUB is titled "${m.slug}"`, where);
    title = m.slug;
  }
  const kindLabel = t(lang, `kind.${m.kind}`);
  const out: Record<string, MetaValue> = {
    title: { t: "MetaInlines", c: text(title) },
    lang: str(lang),
    identifier: str(editionIdentifier(m.slug, lang)),
    date: str(m.date),
    subject: str(kindLabel),
    "toc-title": str(t(lang, "contents")),
    // Template variables (templates/epub/epub3.xhtml): the title page and cover text.
    "kind-label": str(kindLabel),
    "display-date": str(formatDate(lang, m.date)),
    kind: str(m.kind),
    "cover-alt": str(`${t(lang, "cover")}: ${title}. ${kindLabel}, ${formatDate(lang, m.date)}.`),
  };
  const creator = has(m.author) ? { role: "author", text: m.author } : has(m.publisher) ? { role: "publisher", text: m.publisher } : undefined;
  if (creator) out.creator = { t: "MetaList", c: [{ t: "MetaMap", c: { role: str(creator.role), text: str(creator.text) } }] };
  if (has(m.author)) out["author-line"] = str(m.author);
  if (has(m.publisher)) out.publisher = str(m.publisher);
  else report(ctx, "warning", "epub:missing-metadata", "the document has no publisher: the EPUB names none", where);
  if (has(m.subtitle)) {
    out.subtitle = str(m.subtitle);
    out.description = str(m.subtitle);
  }
  if (has(m.number)) out["doc-number"] = str(m.number);
  return out;
}

/** The minutes' particulars (meeting, date, who was there) as a labelled list at the start. */
function minutesHeader(mm: MinutesMeta, lang: Lang): PBlock[] {
  const fields: [keyof MinutesMeta, string][] = [
    ["meeting", "meeting"],
    ["meetingNumber", "number"],
    ["datetime", "datetime"],
    ["place", "place"],
    ["present", "present"],
    ["guests", "guests"],
    ["rapporteurs", "rapporteurs"],
    ["secretariat", "secretariat"],
  ];
  const rows: [PInline[], PBlock[][]][] = [];
  for (const [field, labelKey] of fields) {
    const value = mm[field];
    const v = Array.isArray(value) ? value.join(", ") : value;
    if (v === undefined || v.trim() === "") continue;
    rows.push([text(t(lang, `minutes.${labelKey}`)), [[{ t: "Plain", c: text(v) }]]]);
  }
  if (rows.length === 0) return [];
  return [{ t: "Div", c: [["minutes", ["minutes-header"], []], [{ t: "DefinitionList", c: rows }]] }];
}

// ---------------------------------------------------------------- blocks

function block(node: Block, ctx: Ctx): PBlock[] {
  const outer = ctx.position;
  ctx.position = node.position ?? outer;
  try {
    return blockOf(node, ctx);
  } finally {
    ctx.position = outer;
  }
}

function blockOf(node: Block, ctx: Ctx): PBlock[] {
  switch (node.type) {
    case "heading":
      return [heading(node, ctx)];
    case "paragraph":
      return [{ t: "Para", c: ctx.kind === "minutes" ? withSpeaker(inlines(node.children, ctx)) : inlines(node.children, ctx) }];
    case "list":
      // A list with no items (render:empty-list) is left out.
      return node.children.length === 0 ? [] : [list(node, ctx)];
    case "listItem":
      // A list item outside a list (reported as render:stray-list-item): a one-item list.
      return [{ t: "BulletList", c: [listItem(node, ctx)] }];
    case "box":
      return [box(node, ctx)];
    case "quote":
      return node.kind === "pull"
        ? [{ t: "Div", c: [["", ["pullquote"], [["role", "note"]]], [{ t: "Para", c: inlines(node.children, ctx) }]] }]
        : [{ t: "BlockQuote", c: [{ t: "Para", c: inlines(node.children, ctx) }] }];
    case "caption":
      return [{ t: "Div", c: [["", ["caption"], []], [{ t: "Para", c: inlines(node.children, ctx) }]] }];
    case "article":
      return article(node, ctx);
    default:
      return unknownBlock(node, ctx);
  }
}

function unknownBlock(node: never, ctx: Ctx): PBlock[] {
  const n = node as { type?: unknown; position?: Position; children?: unknown };
  report(ctx, "error", "epub:unknown-node", `unknown block node type ${JSON.stringify(n.type)}: set as plain text`, n.position);
  return [{ t: "Div", c: [["", ["unknown"], []], [{ t: "Para", c: text(plainText(n)) }]] }];
}

function heading(node: Heading, ctx: Ctx): PBlock {
  if (isEmptyHeading(node)) {
    // No text (render:empty-heading): an empty heading would be an empty entry in the
    // contents, which EPUB forbids. Keep the anchor, and a note reference it may hold.
    const content = inlines(node.children, ctx);
    return { t: "Div", c: [[uniqueId(node.id, ctx, node.position), ["heading-empty"], []], content.length > 0 ? [{ t: "Para", c: content }] : []] };
  }
  if (node.depth === 1) ctx.chapterNotes = 0;
  const content = inlines(headingText(node), ctx);
  const number: PInline[] = node.number ? [span(["secno"], text(node.number)), { t: "Space" }] : [];
  return { t: "Header", c: [node.depth, [uniqueId(node.id, ctx, node.position), [], []], [...number, ...content]] };
}


/**
 * In minutes, a paragraph that opens with who speaks gets the speaker in a
 * span.speaker (semibold, as the PDF sets it), so a reader can follow the
 * discussion down the left edge (speakerAt, shared with the PDF), on the
 * paragraph's leading plain words.
 */
function withSpeaker(content: PInline[]): PInline[] {
  let lead = "";
  for (const n of content) {
    if (n.t === "Str") lead += n.c;
    else if (n.t === "Space") lead += " ";
    else break;
  }
  const who = speakerAt(lead);
  if (!who) return content;
  let left = who.length;
  const speaker: PInline[] = [];
  let i = 0;
  for (; left > 0; i++) {
    const n = content[i]!;
    const len = n.t === "Str" ? n.c.length : 1;
    if (n.t === "Str" && len > left) {
      speaker.push({ t: "Str", c: n.c.slice(0, left) });
      return [span(["speaker"], speaker), { t: "Str", c: n.c.slice(left) }, ...content.slice(i + 1)];
    }
    speaker.push(n);
    left -= len;
  }
  return [span(["speaker"], speaker), ...content.slice(i)];
}


function list(node: List, ctx: Ctx): PBlock {
  const items = node.children.map((item) => listItem(item, ctx));
  return node.ordered
    ? { t: "OrderedList", c: [[node.start ?? 1, { t: "Decimal" }, { t: "Period" }], items] }
    : { t: "BulletList", c: items };
}

function listItem(item: ListItem, ctx: Ctx): PBlock[] {
  if ((item as { type: string }).type !== "listItem") return block(item, ctx);
  // A single paragraph as Plain keeps the list tight.
  const blocks = item.children.flatMap((b) => block(b, ctx));
  if (blocks.length === 1 && blocks[0]?.t === "Para") return [{ t: "Plain", c: blocks[0].c }];
  return blocks;
}

/**
 * A box is a complementary landmark; landmarks of one kind need each a name
 * of their own: the box title (aria-labelledby), or "Kader 2" when it has none.
 */
function box(node: Box, ctx: Ctx): PBlock {
  ctx.boxes += 1;
  const id = uniqueId(`box-${ctx.boxes}`, ctx, node.position);
  const titled = node.title !== undefined && node.title.length > 0;
  const titleId = titled ? uniqueId(`${id}-title`, ctx, node.position) : "";
  const title: PBlock[] = titled ? [{ t: "Div", c: [[titleId, ["box-title"], []], [{ t: "Para", c: inlines(node.title!, ctx) }]] }] : [];
  const name: [string, string] = titled ? ["aria-labelledby", titleId] : ["aria-label", t(ctx.lang, "epub.box", { number: ctx.boxes })];
  return {
    t: "Div",
    c: [[id, ["box", node.kind], [["role", "complementary"], name]], [...title, ...node.children.flatMap((b) => block(b, ctx))]],
  };
}

/**
 * An article is its (level-1) title followed by kicker, lead, byline and
 * body, all at the top level: pandoc 2.17 splits EPUB chapters only at
 * top-level headers (not at a Div that starts with one), and makes the
 * title's section `<section class="level1 article">`. finishEpub moves the
 * kicker above the title, where the PDF has it.
 */
function article(node: Article, ctx: Ctx): PBlock[] {
  ctx.chapterNotes = 0;
  const id = uniqueId(node.id, ctx, node.position);
  const part = (cls: string, content: Inline[] | undefined): PBlock[] =>
    content && content.length > 0 ? [{ t: "Div", c: [["", [cls], []], [{ t: "Para", c: inlines(content, ctx) }]] }] : [];
  return [
    { t: "Header", c: [1, [id, ["article"], []], inlines(node.title, ctx)] },
    ...part("kicker", node.kicker),
    ...part("lead", node.lead),
    ...part("byline", node.byline),
    ...node.children.flatMap((b) => block(b, ctx)),
  ];
}

// ---------------------------------------------------------------- inlines

/** Inline content of a block: no leading or trailing space. */
function inlines(nodes: Inline[], ctx: Ctx): PInline[] {
  return trim(collapse(nodes.flatMap((n) => inline(n, ctx))));
}

/**
 * The content of an inline container (emphasis, link…): a space at its
 * edges moves outside it, so "<em>new </em>and" keeps its word space.
 */
function wrap(make: (content: PInline[]) => PInline, nodes: Inline[], ctx: Ctx): PInline[] {
  const content = collapse(nodes.flatMap((n) => inline(n, ctx)));
  const lead = content[0]?.t === "Space";
  const trail = content.length > 1 && content[content.length - 1]?.t === "Space";
  const inner = trim(content);
  const space: PInline = { t: "Space" };
  return [...(lead ? [space] : []), make(inner), ...(trail ? [space] : [])];
}

function inline(node: Inline, ctx: Ctx): PInline[] {
  switch (node.type) {
    case "text":
      return text(node.value);
    case "emphasis":
      return wrap((c) => ({ t: "Emph", c }), node.children, ctx);
    case "strong":
      return wrap((c) => ({ t: "Strong", c }), node.children, ctx);
    case "link":
      return wrap((c) => ({ t: "Link", c: [["", [], []], c, [node.url, ""]] }), node.children, ctx);
    case "noteRef":
      return noteRef(node.id, ctx);
    case "foreign":
      return foreign(node, ctx);
    default:
      return unknownInline(node, ctx);
  }
}

function unknownInline(node: never, ctx: Ctx): PInline[] {
  const n = node as { type?: unknown };
  report(ctx, "error", "epub:unknown-node", `unknown inline node type ${JSON.stringify(n.type)}: set as plain text`);
  return [span(["unknown"], text(plainText(n)))];
}

function noteRef(id: string, ctx: Ctx): PInline[] {
  const note = ctx.notes.get(id);
  if (!note) {
    report(ctx, "warning", "epub:missing-note", `reference to a note "${id}" that the document does not have: its mark is set, unlinked`, ctx.position);
    return [span(["noteref-missing"], text(`[${id}]`))];
  }
  if (ctx.inNote) {
    // Pandoc has no notes inside notes: keep the mark as text.
    report(ctx, "warning", "epub:nested-note", `note ${note.label} is referenced from inside another note: set as its mark`, note.position);
    return [span(["noteref-nested"], text(`[${note.label}]`))];
  }
  ctx.usedNotes.add(id);
  // Pandoc sets its own number (per chapter) on the mark and the note; say so when it is not the source's.
  ctx.chapterNotes += 1;
  if (note.label !== String(ctx.chapterNotes)) {
    report(ctx, "warning", "epub:note-number", `note ${note.label} (${note.id}) is numbered ${ctx.chapterNotes} in the EPUB, where pandoc numbers the notes of each chapter from 1`, note.position);
  }
  ctx.inNote = true;
  try {
    return [{ t: "Note", c: [{ t: "Para", c: inlines(note.children, ctx) }] }];
  } finally {
    ctx.inNote = false;
  }
}

function foreign(node: Foreign, ctx: Ctx): PInline[] {
  const attrs: [string, string][] = [["lang", node.lang]];
  // The visible mark comes from ui.json through the CSS (content: attr(data-mark)).
  if (node.reason === "untranslated") attrs.push(["title", t(ctx.lang, "untranslated")], ["data-mark", t(ctx.lang, "untranslatedMark")]);
  const classes = node.reason === "untranslated" ? ["untranslated"] : ["foreign", node.reason];
  return wrap((c) => ({ t: "Span", c: [["", classes, attrs], c] }), node.children, ctx);
}

// ---------------------------------------------------------------- helpers

/** Text as Pandoc Str/Space tokens (only ordinary white space separates; no-break spaces stay inside Str). */
function text(value: string): PInline[] {
  const out: PInline[] = [];
  for (const part of value.split(/([ \t\r\n]+)/)) {
    if (part === "") continue;
    out.push(/^[ \t\r\n]+$/.test(part) ? { t: "Space" } : { t: "Str", c: part });
  }
  return out;
}

/** Adjacent spaces ("members." + " She") collapse to one. */
function collapse(nodes: PInline[]): PInline[] {
  return nodes.filter((n, i) => !(n.t === "Space" && nodes[i - 1]?.t === "Space"));
}

function trim(nodes: PInline[]): PInline[] {
  let a = 0;
  let b = nodes.length;
  while (a < b && nodes[a]!.t === "Space") a++;
  while (b > a && nodes[b - 1]!.t === "Space") b--;
  return nodes.slice(a, b);
}

function span(classes: string[], content: PInline[]): PInline {
  return { t: "Span", c: [["", classes, []], content] };
}

/** An XML-safe id, unique in the document; a clash or a repair is reported. */
function uniqueId(raw: string, ctx: Ctx, position?: Position): string {
  let id = raw.replace(/[^A-Za-z0-9_.-]/g, "-");
  if (!/^[A-Za-z_]/.test(id)) id = `id-${id}`;
  if (ctx.ids.has(id)) {
    let i = 2;
    while (ctx.ids.has(`${id}-${i}`)) i++;
    report(ctx, "warning", "epub:duplicate-id", `anchor "${raw}" is used twice; the second is "${id}-${i}"`, position);
    id = `${id}-${i}`;
  }
  ctx.ids.add(id);
  return id;
}

function plainText(node: unknown): string {
  if (typeof node !== "object" || node === null) return "";
  const n = node as { value?: unknown; children?: unknown };
  if (typeof n.value === "string") return n.value;
  if (Array.isArray(n.children)) return n.children.map(plainText).join(" ");
  return "";
}

function report(ctx: Ctx, severity: Diagnostic["severity"], code: string, message: string, position?: Position): void {
  ctx.diagnostics.push(position ? { severity, code, message, position } : { severity, code, message });
}


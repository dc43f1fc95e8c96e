import { parse } from "yaml";
import type {
  Article,
  Block,
  Box,
  FlowBlock,
  Inline,
  Kind,
  List,
  ListItem,
  Meta,
  NormalisedDocument,
  Note,
  Position,
} from "../document/types.ts";
import { KINDS } from "../document/types.ts";

/**
 * Read the Markdown contract written by toMarkdown back into a document:
 * front matter into meta, headings, paragraphs, lists, footnotes and the
 * fenced divs (boxes, pull quotes, captions, articles). Positions point into
 * the Markdown file. Reading what toMarkdown wrote and writing it again gives
 * the same text (a property test holds it to that).
 */
export function fromMarkdown(md: string, file: string): NormalisedDocument {
  const text = md.replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  let i = 0;
  let fm: Record<string, unknown> = {};
  if (lines[0] === "---") {
    const end = lines.indexOf("---", 1);
    if (end < 0) throw new TypeError(`${file}: front matter is not closed with ---`);
    fm = (parse(lines.slice(1, end).join("\n")) as Record<string, unknown> | null) ?? {};
    i = end + 1;
  }
  const notes: Note[] = [];
  const p = new Parser(lines, i, file, notes);
  const children = p.blocks(undefined) as FlowBlock[];
  return { type: "document", stage: "normalised", lang: "nl", meta: meta(fm), children, notes, diagnostics: [] };
}

function meta(fm: Record<string, unknown>): Meta {
  const str = (k: string): string | undefined => (typeof fm[k] === "string" ? (fm[k] as string) : fm[k] === undefined ? undefined : String(fm[k]));
  const kind = (KINDS as readonly string[]).includes(String(fm.kind)) ? (fm.kind as Kind) : "report";
  const titles = (fm.titles ?? {}) as Record<string, string>;
  const m: Meta = {
    slug: str("slug") ?? "",
    kind,
    title: str("title") ?? "",
    titles: { nl: titles.nl ?? "", en: titles.en ?? "" },
    date: str("date") ?? "",
    publisher: str("publisher") ?? "",
  };
  for (const k of ["subtitle", "dateNote", "author", "number", "description"] as const) {
    const v = str(k);
    if (v !== undefined) m[k] = v;
  }
  if (Array.isArray(fm.keywords)) m.keywords = fm.keywords.map(String);
  if (fm.minutes && typeof fm.minutes === "object") m.minutes = fm.minutes as Meta["minutes"];
  return m;
}

const FENCE_OPEN = /^(:{3,}) (.+)$/;
const FENCE_CLOSE = /^(:{3,})$/;
const HEADING = /^(#{1,3}) (.*?)(?: \{#([^}\s]+)\})?$/;
const NOTE_DEF = /^\[\^([^\]\s]+)\]: (.*)$/;
// A list item; an item with nothing in it (or opening with a block) is its marker alone.
const ITEM = /^( *)(?:(-)|(\d+)\.)(?: (.*)|$)/;

class Parser {
  constructor(
    private lines: string[],
    private i: number,
    private file: string,
    private notes: Note[],
  ) {}

  private pos(): Position {
    return { file: this.file, line: this.i + 1 };
  }

  /** Blocks up to the closing fence (or the end). */
  blocks(fence: string | undefined): Block[] {
    const out: Block[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.trim() === "") {
        this.i++;
        continue;
      }
      const close = FENCE_CLOSE.exec(line);
      // a line of colons closes the innermost div, whatever its length (as in Pandoc)
      if (close && fence !== undefined) {
        this.i++;
        return out;
      }
      const open = FENCE_OPEN.exec(line);
      if (open) {
        out.push(this.div(open[1]!, open[2]!.trim()));
        continue;
      }
      const h = HEADING.exec(line);
      if (h) {
        const textPart = h[2]!;
        const number = /^(\d+(?:\.\d+)*)\.?\s/.exec(textPart)?.[1];
        const heading: Block = {
          type: "heading",
          depth: h[1]!.length as 1 | 2 | 3,
          id: h[3] ?? "",
          children: inlines(textPart),
          position: this.pos(),
        };
        if (number) heading.number = number;
        out.push(heading);
        this.i++;
        continue;
      }
      const n = NOTE_DEF.exec(line);
      if (n) {
        this.notes.push({ type: "note", id: n[1]!, label: n[1]!.split("-").pop()!, position: this.pos(), children: inlines(n[2]!) });
        this.i++;
        continue;
      }
      if (ITEM.exec(line)?.[1] === "") {
        out.push(this.list(0));
        continue;
      }
      out.push({ type: "paragraph", children: inlines(line.replace(/^ +/, "")), position: this.pos() });
      this.i++;
    }
    return out;
  }

  private list(indent: number): List {
    const first = ITEM.exec(this.lines[this.i]!)!;
    const ordered = first[3] !== undefined;
    const l: List = { type: "list", ordered, children: [], position: this.pos() };
    if (ordered) l.start = Number(first[3]);
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.trim() === "") {
        this.i++;
        continue;
      }
      const m = ITEM.exec(line);
      const lead = line.length - line.trimStart().length;
      if (m && m[1]!.length === indent && (m[3] !== undefined) === ordered) {
        const item: ListItem = { type: "listItem", children: m[4] === undefined ? [] : [{ type: "paragraph", children: inlines(m[4]), position: this.pos() }], position: this.pos() };
        l.children.push(item);
        this.i++;
        continue;
      }
      const last = l.children[l.children.length - 1];
      if (last && lead >= indent + 4) {
        if (m && m[1]!.length === indent + 4) last.children.push(this.list(indent + 4));
        else {
          last.children.push({ type: "paragraph", children: inlines(line.trimStart()), position: this.pos() });
          this.i++;
        }
        continue;
      }
      break;
    }
    return l;
  }

  private div(fence: string, attrs: string): Block {
    const position = this.pos();
    this.i++;
    const kids = this.blocks(fence);
    const paraText = (): Inline[] => (kids[0] && kids[0].type === "paragraph" ? kids[0].children : []);
    const classes = attrs.startsWith("{") ? [...attrs.matchAll(/\.([\w-]+)/g)].map((m) => m[1]!) : [attrs];
    const id = /#([^\s}]+)/.exec(attrs)?.[1] ?? "";
    if (classes.includes("box")) {
      const kind = (["info", "cv", "sidebar"] as const).find((k) => classes.includes(k)) ?? "info";
      const box: Box = { type: "box", kind, children: kids, position };
      const h = kids[0];
      if (h?.type === "heading" && h.depth === 3) {
        box.title = h.children;
        box.children = kids.slice(1);
      }
      return box;
    }
    if (classes.includes("pullquote") || classes.includes("blockquote"))
      return { type: "quote", kind: classes.includes("pullquote") ? "pull" : "block", children: paraText(), position };
    if (classes.includes("caption")) return { type: "caption", children: paraText(), position };
    if (classes.includes("article")) {
      const art: Article = { type: "article", id, title: [], children: [], position };
      const rest: Block[] = [];
      for (const k of kids) {
        const part = (k as Block & { part?: string }).part;
        if (part === "kicker" || part === "lead" || part === "byline") art[part] = (k as { children: Inline[] }).children;
        else if (k.type === "heading" && k.depth === 1 && art.title.length === 0 && rest.length === 0) art.title = k.children;
        else rest.push(k);
      }
      art.children = rest as FlowBlock[];
      return art;
    }
    if (classes.includes("kicker") || classes.includes("lead") || classes.includes("byline"))
      return Object.assign({ type: "paragraph", children: paraText(), position } as Block, { part: classes[0] });
    return { type: "box", kind: "sidebar", children: kids, position };
  }
}

/** Parse the inline Markdown toMarkdown writes: escapes, note references, emphasis, links, spans. */
export function inlines(s: string): Inline[] {
  const out: Inline[] = [];
  let buf = "";
  const flush = (): void => {
    if (buf) out.push({ type: "text", value: buf });
    buf = "";
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "\\" && i + 1 < s.length) {
      buf += s[i + 1];
      i += 2;
      continue;
    }
    if (c === "[") {
      const ref = /^\[\^([^\]\s]+)\]/.exec(s.slice(i));
      if (ref) {
        flush();
        out.push({ type: "noteRef", id: ref[1]! });
        i += ref[0].length;
        continue;
      }
      const end = matching(s, i, "[", "]");
      if (end > 0) {
        const inner = s.slice(i + 1, end);
        const after = s.slice(end + 1);
        const link = /^\(([^)\s]*)\)/.exec(after);
        const span = /^\{lang=(nl|en) \.(untranslated|quotation|name)\}/.exec(after);
        if (link) {
          flush();
          out.push({ type: "link", url: decodeURIComponent(link[1]!), children: inlines(inner) });
          i = end + 1 + link[0].length;
          continue;
        }
        if (span) {
          flush();
          out.push({ type: "foreign", lang: span[1] as "nl" | "en", reason: span[2] as "untranslated", children: inlines(inner) });
          i = end + 1 + span[0].length;
          continue;
        }
      }
    }
    if (c === "*") {
      const strong = s.startsWith("**", i);
      const mark = strong ? "**" : "*";
      const end = findClose(s, i + mark.length, mark);
      if (end > 0) {
        flush();
        const children = inlines(s.slice(i + mark.length, end));
        out.push(strong ? { type: "strong", children } : { type: "emphasis", children });
        i = end + mark.length;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}

function matching(s: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    if (s[i] === "\\") {
      i++;
      continue;
    }
    if (s[i] === open) depth++;
    else if (s[i] === close && --depth === 0) return i;
  }
  return -1;
}

function findClose(s: string, from: number, mark: string): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === "\\") {
      i++;
      continue;
    }
    if (s.startsWith(mark, i) && (mark === "**" || s[i + 1] !== "*")) return i;
  }
  return -1;
}

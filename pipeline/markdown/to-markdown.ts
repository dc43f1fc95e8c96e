import { stringify } from "yaml";
import type { Block, Diagnostic, FlowBlock, Inline, List, ListItem, Meta, Note, Position, RenderableDocument } from "../document/types.ts";
import { escapeInline, escapeLineStart } from "./escape.ts";

/**
 * Write a document as Pandoc Markdown, the contract of
 * `output/<lang>/<slug>.md` and `tweeluik normalise`:
 *  - YAML front matter with the metadata (minutes metadata included);
 *  - one block per line, a blank line between blocks, no hard wraps;
 *  - `#`..`###` headings with the printed section number kept in the text
 *    and the id as an attribute;
 *  - `- ` and `1. ` list items; footnote references `[^id]` with their
 *    `[^id]: text` definition right after the top-level block that first
 *    references them (unreferenced notes at the end);
 *  - boxes, pull quotes, captions and articles as fenced divs;
 *  - untranslated text as `[text]{lang=nl .untranslated}`.
 * Doubtful structure is written as it is, never refused: a list with no items
 * is left out, an item with nothing in it is its marker alone, a list item
 * outside a list (or straight inside an item) a list of one item; a node the
 * model does not know is written as its text and reported on `diagnostics`.
 */
export function toMarkdown(doc: RenderableDocument, diagnostics: Diagnostic[] = []): string {
  const w = new Writer(doc.notes, diagnostics);
  const out: string[] = [frontMatter(doc.meta, doc.lang)];
  for (const b of doc.children) out.push(...w.top(b));
  const rest = doc.notes.filter((n) => !w.placed.has(n.id));
  for (const n of rest) out.push(w.note(n));
  return out.filter((part) => part !== "").join("\n\n") + "\n";
}

function frontMatter(meta: Meta, lang: string): string {
  const m: Record<string, unknown> = {
    title: meta.title,
    lang,
    slug: meta.slug,
    kind: meta.kind,
    titles: meta.titles,
    date: meta.date,
  };
  if (meta.subtitle) m.subtitle = meta.subtitle;
  if (meta.dateNote) m.dateNote = meta.dateNote;
  m.publisher = meta.publisher;
  if (meta.author) m.author = meta.author;
  if (meta.number) m.number = meta.number;
  if (meta.description) m.description = meta.description;
  if (meta.keywords) m.keywords = meta.keywords;
  if (meta.minutes) m.minutes = meta.minutes;
  return `---\n${stringify(m, { lineWidth: 0 }).trimEnd()}\n---`;
}

class Writer {
  readonly placed = new Set<string>();
  private pending: string[] = [];
  private byId: Map<string, Note>;
  constructor(
    notes: Note[],
    private readonly diagnostics: Diagnostic[],
  ) {
    this.byId = new Map(notes.map((n) => [n.id, n]));
  }

  top(b: FlowBlock): string[] {
    const lines = this.block(b, "");
    const notes = this.pending.map((id) => this.note(this.byId.get(id)!));
    this.pending = [];
    return [join(lines), ...notes];
  }

  private unknown(node: unknown, position?: Position): string {
    const type = (node as { type?: unknown }).type;
    const d: Diagnostic = { severity: "error", code: "md:unknown-node", message: `unknown node type ${JSON.stringify(type)}: written as plain text` };
    this.diagnostics.push(position ? { ...d, position } : d);
    return escapeInline(anyText(node));
  }

  note(n: Note): string {
    this.placed.add(n.id);
    return `[^${n.id}]: ${escapeLineStart(this.inlines(n.children))}`;
  }

  private block(b: Block, indent: string, fence = ":::"): string[] {
    switch (b.type) {
      case "listItem":
        // A list item outside a list: a list of one item.
        return this.list({ type: "list", ordered: false, position: b.position, children: [b] }, indent);
      case "heading": {
        const hashes = "#".repeat(b.depth);
        return [`${indent}${hashes} ${this.inlines(b.children)} {#${b.id}}`];
      }
      case "paragraph":
        return [indent + escapeLineStart(this.inlines(b.children))];
      case "list":
        return this.list(b, indent);
      case "box": {
        const inner = b.children.flatMap((c) => this.block(c, indent, fence + ":"));
        const title = b.title ? [`${indent}### ${this.inlines(b.title)}`] : [];
        return [`${indent}${fence} {.box .${b.kind}}\n\n${join([...title, ...inner])}\n\n${indent}${fence}`];
      }
      case "quote":
        return [`${indent}${fence} ${b.kind === "pull" ? "pullquote" : "blockquote"}\n\n${indent}${escapeLineStart(this.inlines(b.children))}\n\n${indent}${fence}`];
      case "caption":
        return [`${indent}${fence} caption\n\n${indent}${escapeLineStart(this.inlines(b.children))}\n\n${indent}${fence}`];
      case "article": {
        const f = fence + "::";
        const part = (name: string, inl: Inline[] | undefined): string[] =>
          inl ? [`${indent}${fence} ${name}\n\n${indent}${escapeLineStart(this.inlines(inl))}\n\n${indent}${fence}`] : [];
        const inner = [
          ...part("kicker", b.kicker),
          `${indent}# ${this.inlines(b.title)}`,
          ...part("lead", b.lead),
          ...part("byline", b.byline),
          ...b.children.flatMap((c) => this.block(c, indent, fence + ":")),
        ];
        return [`${indent}${f} {.article #${b.id}}\n\n${join(inner)}\n\n${indent}${f}`];
      }
      default: {
        const never: never = b;
        return [indent + escapeLineStart(this.unknown(never, (never as { position?: Position }).position))];
      }
    }
  }

  private list(l: List, indent: string): string[] {
    const out: string[] = [];
    let n = l.start ?? 1;
    for (const child of l.children) {
      // A block straight in a list (not a listItem) is an item's content.
      const item: ListItem = child.type === "listItem" ? child : { type: "listItem", position: (child as Block).position, children: [child as Block] };
      const marker = l.ordered ? `${n++}.` : "-";
      const pad = " ".repeat(4);
      const parts = item.children.map((c, k) => {
        if (k === 0 && c.type === "paragraph") return `${indent}${marker} ${this.inlines(c.children)}`;
        // An item in an item is a list of one item in it (block() makes it so).
        return join(this.block(c, indent + pad));
      });
      // An item that does not open with a paragraph (or holds nothing) has its marker on a line of its own.
      if (item.children[0]?.type !== "paragraph") parts.unshift(indent + marker);
      out.push(join(parts));
    }
    return out;
  }

  inlines(inl: readonly Inline[]): string {
    return inl.map((i) => this.inline(i)).join("");
  }

  private inline(i: Inline): string {
    switch (i.type) {
      case "text":
        return escapeInline(i.value);
      case "emphasis":
        return `*${this.inlines(i.children)}*`;
      case "strong":
        return `**${this.inlines(i.children)}**`;
      case "link":
        return `[${this.inlines(i.children)}](${i.url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
      case "noteRef":
        if (!this.placed.has(i.id) && !this.pending.includes(i.id) && this.byId.has(i.id)) this.pending.push(i.id);
        return `[^${i.id}]`;
      case "foreign":
        return `[${this.inlines(i.children)}]{lang=${i.lang}${i.reason === "untranslated" ? " .untranslated" : ` .${i.reason}`}}`;
      default: {
        const never: never = i;
        return this.unknown(never);
      }
    }
  }
}

/** Blocks with a blank line between them; a block that writes nothing (an empty list) leaves no gap. */
function join(parts: readonly string[]): string {
  return parts.filter((p) => p !== "").join("\n\n");
}

/** The text of a node the model does not know: its value, or its children's text. */
function anyText(node: unknown): string {
  if (typeof node !== "object" || node === null) return "";
  const n = node as { value?: unknown; children?: unknown };
  if (typeof n.value === "string") return n.value;
  if (Array.isArray(n.children)) return n.children.map(anyText).join(" ").replace(/\s+/g, " ").trim();
  return "";
}

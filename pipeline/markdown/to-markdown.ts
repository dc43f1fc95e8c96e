import { stringify } from "yaml";
import type { Block, FlowBlock, Inline, List, Meta, Note, RenderableDocument } from "../document/types.ts";
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
 */
export function toMarkdown(doc: RenderableDocument): string {
  const w = new Writer(doc.notes);
  const out: string[] = [frontMatter(doc.meta, doc.lang)];
  for (const b of doc.children) out.push(...w.top(b));
  const rest = doc.notes.filter((n) => !w.placed.has(n.id));
  for (const n of rest) out.push(w.note(n));
  return out.join("\n\n") + "\n";
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
  constructor(notes: Note[]) {
    this.byId = new Map(notes.map((n) => [n.id, n]));
  }

  top(b: FlowBlock): string[] {
    const lines = this.block(b, "");
    const notes = this.pending.map((id) => this.note(this.byId.get(id)!));
    this.pending = [];
    return [lines.join("\n\n"), ...notes];
  }

  note(n: Note): string {
    this.placed.add(n.id);
    return `[^${n.id}]: ${escapeLineStart(this.inlines(n.children))}`;
  }

  private block(b: Block, indent: string, fence = ":::"): string[] {
    switch (b.type) {
      case "listItem":
        return b.children.flatMap((c) => this.block(c, indent, fence));
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
        return [`${indent}${fence} {.box .${b.kind}}\n\n${[...title, ...inner].join("\n\n")}\n\n${indent}${fence}`];
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
        return [`${indent}${f} {.article #${b.id}}\n\n${inner.join("\n\n")}\n\n${indent}${f}`];
      }
      default: {
        const never: never = b;
        throw new TypeError(`toMarkdown: unknown block ${JSON.stringify(never)}`);
      }
    }
  }

  private list(l: List, indent: string): string[] {
    const out: string[] = [];
    let n = l.start ?? 1;
    for (const item of l.children) {
      const marker = l.ordered ? `${n++}. ` : "- ";
      const pad = " ".repeat(4);
      const parts = item.children.map((c, k) => {
        if (c.type === "listItem") throw new TypeError("toMarkdown: a list item directly inside a list item");
        const lines = this.block(c, indent + pad);
        if (k === 0 && c.type === "paragraph") return indent + marker + this.inlines(c.children);
        return lines.join("\n\n");
      });
      out.push(parts.join("\n\n"));
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
        throw new TypeError(`toMarkdown: unknown inline ${JSON.stringify(never)}`);
      }
    }
  }
}

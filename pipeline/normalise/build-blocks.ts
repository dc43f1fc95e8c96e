import type { Block, Box, FlowBlock, Heading, Inline, List, ListItem, Position } from "../document/types.ts";
import type { RawBlock } from "./segment.ts";

/** Set-apart blocks (segment.ts roles) travel as paragraphs with this tag until magazine.ts shapes them. */
export const ROLE = Symbol("role");

/** A block with its text joined and linked, ready to become a node. */
export interface TextBlock {
  raw: RawBlock;
  inlines: Inline[];
  position: Position;
}

export function slugify(s: string): string {
  return (
    s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 48) || "section"
  );
}

/** The inlines of a block of running text (heading, paragraph, quote, caption); undefined for containers. */
export function inlinesOf(b: Block): Inline[] | undefined {
  return b.type === "heading" || b.type === "paragraph" || b.type === "quote" || b.type === "caption" ? b.children : undefined;
}

export function plainText(inl: readonly Inline[]): string {
  return inl.map((i) => (i.type === "text" ? i.value : i.type === "noteRef" ? "" : plainText(i.children))).join("");
}

/** Anchors unique within a document. */
export class Ids {
  private used = new Set<string>();
  take(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

/**
 * Build document nodes from text blocks: consecutive items become a list
 * (an item with another bullet glyph than the list's becomes a nested list
 * in the item before it), blocks of one box become a Box, headings get a
 * depth from their number and a unique id.
 */
export function buildBlocks(blocks: TextBlock[], ids: Ids): FlowBlock[] {
  const out: FlowBlock[] = [];
  let lastDepth: 1 | 2 | 3 = 1;
  let i = 0;
  const flow = (sink: Block[], pred: (b: TextBlock) => boolean): void => {
    while (i < blocks.length && pred(blocks[i]!)) {
      const b = blocks[i]!;
      if (b.raw.t === "boxTitle") {
        const boxIdx = blocks[i + 1]?.raw.box;
        const box: Box = { type: "box", kind: "info", title: b.inlines, children: [], position: b.position };
        i++;
        if (boxIdx !== undefined) flow(box.children, (x) => x.raw.box === boxIdx && x.raw.t !== "boxTitle");
        const last = box.children[box.children.length - 1];
        if (last) box.position = { ...box.position, endLine: last.position.endLine ?? last.position.line };
        sink.push(box);
        continue;
      }
      if (b.raw.t === "item") {
        sink.push(list(pred));
        continue;
      }
      if (b.raw.t === "heading") {
        const number = b.raw.marker;
        const depth: 1 | 2 | 3 = number ? (Math.min(3, number.split(".").length) as 1 | 2 | 3) : (Math.min(3, lastDepth + 1) as 1 | 2 | 3);
        if (number) lastDepth = depth;
        const h: Heading = { type: "heading", depth, id: ids.take(slugify(number ? `s-${number}` : plainText(b.inlines))), children: b.inlines, position: b.position };
        if (number) h.number = number;
        sink.push(h);
      } else if (b.raw.role) sink.push({ type: "paragraph", children: b.inlines, position: b.position, [ROLE]: b.raw.role } as FlowBlock);
      else sink.push({ type: "paragraph", children: b.inlines, position: b.position });
      i++;
    }
  };
  const list = (pred: (b: TextBlock) => boolean): List => {
    const first = blocks[i]!;
    const ordered = first.raw.ordered === true;
    const glyph = first.raw.marker;
    const l: List = { type: "list", ordered, children: [], position: { ...first.position } };
    if (ordered) l.start = Number(first.raw.marker?.split(".").pop() ?? 1) || 1;
    while (i < blocks.length && pred(blocks[i]!) && blocks[i]!.raw.t === "item" && blocks[i]!.raw.box === first.raw.box) {
      const b = blocks[i]!;
      if (b.raw.ordered !== ordered) break;
      const sameKind = ordered ? b.raw.marker?.split(".").length === glyph?.split(".").length : b.raw.marker === glyph;
      if (!sameKind && l.children.length > 0) {
        const parent = l.children[l.children.length - 1]!;
        parent.children.push(list((x) => pred(x) && x.raw.marker !== glyph));
        continue;
      }
      if (!sameKind) break;
      const item: ListItem = { type: "listItem", children: [{ type: "paragraph", children: b.inlines, position: b.position }], position: b.position };
      l.children.push(item);
      i++;
    }
    const lastItem = l.children[l.children.length - 1];
    if (lastItem) l.position.endLine = lastItem.position.endLine ?? lastItem.position.line;
    return l;
  };
  while (i < blocks.length) {
    const before = i;
    flow(out, () => true);
    if (i === before) i++;
  }
  return out;
}

import type { Block, Box, FlowBlock, Heading, Inline, List, ListItem, Position } from "../document/types.ts";
import type { RawBlock } from "./segment.ts";
import { inlinesOf, plainText } from "../document/text.ts";

/** Set-apart blocks (segment.ts roles) travel as paragraphs with this tag until magazine.ts shapes them. */
export const ROLE = Symbol("role");
/** Blocks that open a page, a column or (a drop cap) an article travel with this tag until magazine.ts shapes them. */
export const OPENS = Symbol("opens");

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

export { inlinesOf, plainText };

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
 * Numbered headings of a numbering that restarts inside a chapter: after
 * chapter "2", headings "1", "2", … "5" in sequence, then "3" resuming the
 * chapter sequence. The restarted run is a level below the chapter (the
 * findings of chapter 2), not five more chapters. Only a run that the chapter
 * numbering visibly resumes after counts as evidence; a run that never gives
 * way to the next chapter number is left as it is.
 */
export function restartedNumbering(blocks: readonly TextBlock[]): Set<TextBlock> {
  const heads = blocks.filter((b) => b.raw.t === "heading" && b.raw.marker !== undefined);
  const top = (b: TextBlock): number | undefined => (/^\d+$/.test(b.raw.marker!) ? Number(b.raw.marker) : undefined);
  const sub = new Set<TextBlock>();
  let chapter: number | undefined;
  for (let i = 0; i < heads.length; i++) {
    const n = top(heads[i]!);
    if (n === undefined) continue;
    if (chapter === undefined || n !== 1 || chapter < 1) {
      chapter = n;
      continue;
    }
    // a "1" inside chapter `chapter`: follow the run 1, 2, 3 … to where it breaks
    const run: TextBlock[] = [heads[i]!];
    let j = i + 1;
    for (let want = 2; j < heads.length; j++) {
      const m = top(heads[j]!);
      if (m === undefined) continue;
      if (m !== want) break;
      run.push(heads[j]!);
      want++;
    }
    const resumes = j < heads.length && top(heads[j]!) === chapter + 1;
    if (!resumes) {
      chapter = n;
      continue;
    }
    // (a deeper-numbered heading inside the run, "2.1", would be ambiguous: not a plain restart)
    if (heads.slice(i, j).some((h) => top(h) === undefined)) {
      chapter = n;
      continue;
    }
    run.forEach((h) => sub.add(h));
    i = j - 1;
  }
  return sub;
}

/**
 * Build document nodes from text blocks: consecutive items become a list
 * (an item with another bullet glyph than the list's becomes a nested list
 * in the item before it), blocks of one box become a Box, headings get a
 * depth from their number and a unique id.
 */
export function buildBlocks(blocks: TextBlock[], ids: Ids): FlowBlock[] {
  const out: FlowBlock[] = [];
  const sub = restartedNumbering(blocks);
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
        const depth: 1 | 2 | 3 =
          b.raw.depth ??
          (number ? (Math.min(3, number.split(".").length + (sub.has(b) ? 1 : 0)) as 1 | 2 | 3) : (Math.min(3, lastDepth + 1) as 1 | 2 | 3));
        if (number) lastDepth = depth;
        const h: Heading = { type: "heading", depth, id: ids.take(slugify(number ? `s-${number}` : plainText(b.inlines))), children: b.inlines, position: b.position };
        if (number) h.number = number;
        if (b.raw.opens) (h as Heading & { [OPENS]?: boolean })[OPENS] = true;
        sink.push(h);
      } else if (b.raw.role) sink.push({ type: "paragraph", children: b.inlines, position: b.position, [ROLE]: b.raw.role, [OPENS]: b.raw.opens } as FlowBlock);
      else if (b.raw.opens) sink.push({ type: "paragraph", children: b.inlines, position: b.position, [OPENS]: true } as FlowBlock);
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

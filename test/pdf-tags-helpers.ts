/**
 * Reads a tagged PDF's structure back with two independent readers — poppler
 * (`pdfinfo -struct-text`: the whole tree, each element once) and pdf.js
 * (`page.getStructTree()` and the marked content of each page's text) — and
 * says what the document model expects to find in it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Block, Inline, RenderableDocument } from "../pipeline/document/types.ts";
import { t } from "../pipeline/i18n/ui.ts";
import { headingText } from "../pipeline/document/text.ts";
import { plainText } from "../templates/pdf/inlines.tsx";
import { headingLevels } from "../templates/pdf/tags.ts";

/** A structure element as poppler prints it. */
export interface StructNode {
  role: string;
  /** The element's ID, when it has one (`Note <note-n1>`). */
  id?: string;
  /** Attribute lines (`/Scope /Row`). */
  attrs: string[];
  /** Its own text chunks (not its children's). */
  text: string[];
  /** Its text chunks and children in the order poppler gives them (reading order). */
  items: (string | StructNode)[];
  /** Annotations it references (OBJR). */
  objects: number;
  children: StructNode[];
  parent?: StructNode;
}

/** The structure tree of `file` as `pdfinfo -struct-text` prints it; the root is `(root)`. */
export function popplerTree(file: string): StructNode {
  const out = execFileSync("pdfinfo", ["-struct-text", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const root: StructNode = { role: "(root)", attrs: [], text: [], items: [], objects: 0, children: [] };
  const stack: { depth: number; node: StructNode }[] = [{ depth: -1, node: root }];
  for (const raw of out.split("\n")) {
    if (raw.trim() === "") continue;
    const depth = (raw.length - raw.trimStart().length) / 2;
    const line = raw.trim();
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1]!.node;
    if (line.startsWith('"')) {
      parent.text.push(line.slice(1, -1));
      parent.items.push(line.slice(1, -1));
    }
    else if (line.startsWith("/")) parent.attrs.push(line);
    else if (/^Object \d+ \d+$/.test(line)) parent.objects++;
    else {
      const m = /^([A-Za-z][A-Za-z0-9]*)(?: <([^>]*)>)?(?: \((?:block|inline)\))?:?$/.exec(line);
      if (!m) throw new Error(`unexpected pdfinfo -struct-text line: ${raw}`);
      const node: StructNode = { role: m[1]!, id: m[2], attrs: [], text: [], items: [], objects: 0, children: [], parent };
      parent.children.push(node);
      parent.items.push(node);
      stack.push({ depth, node });
    }
  }
  return root;
}

/** Every element under `root`, depth first, in reading order. */
export function allNodes(root: StructNode): StructNode[] {
  return root.children.flatMap((c) => [c, ...allNodes(c)]);
}

/** All the text of an element and its children, in reading order. */
export function textIn(node: StructNode): string {
  return node.items.map((x) => (typeof x === "string" ? x : textIn(x))).join("");
}

/** Text compared across readers: letters and digits only (line-end hyphens, spaces and punctuation fall out). */
export function comparable(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

export function hasAncestor(node: StructNode, pred: (n: StructNode) => boolean): boolean {
  for (let p = node.parent; p; p = p.parent) if (pred(p)) return true;
  return false;
}

/** One page as pdf.js reads it. */
export interface PdfJsPage {
  /** Roles of the page's structure tree, in reading order. */
  roles: string[];
  /** Marked-content ids the page's structure tree points at. */
  contentIds: Set<string>;
  /** The page's text items, each with the marked content it is in (none: null) and how deeply marked content is nested there. */
  items: { str: string; tag: string | null; id: string | null; nesting: number }[];
  /** Marked-content ids the page's content has. */
  markedIds: Set<string>;
}

interface JsTreeNode {
  role?: string;
  type?: string;
  id?: string;
  children?: JsTreeNode[];
}

/** Every page of `file` through pdf.js: its structure tree and its text with marked content. */
export async function pdfJsPages(file: string): Promise<PdfJsPage[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const pages: PdfJsPage[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const tree = (await page.getStructTree()) as JsTreeNode | null;
      const roles: string[] = [];
      const contentIds = new Set<string>();
      const walk = (node: JsTreeNode): void => {
        if (node.role) roles.push(node.role);
        if (node.type === "content" && node.id) contentIds.add(node.id);
        for (const c of node.children ?? []) walk(c);
      };
      if (tree) walk(tree);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const items: PdfJsPage["items"] = [];
      const markedIds = new Set<string>();
      const open: { tag: string; id: string | null }[] = [];
      for (const item of content.items as ({ str: string } | { type: string; tag?: string; id?: string | null })[]) {
        if ("str" in item) {
          const top = open[open.length - 1];
          items.push({ str: item.str, tag: top?.tag ?? null, id: top?.id ?? null, nesting: open.length });
        } else if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") {
          open.push({ tag: item.tag ?? "", id: item.id ?? null });
          if (item.id) markedIds.add(item.id);
        } else if (item.type === "endMarkedContent") open.pop();
      }
      pages.push({ roles, contentIds, items, markedIds });
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

/** What the document model says the structure tree holds. */
export interface ExpectedStructure {
  /** Headings in reading order: level (H1–H3, no level skipped) and text. */
  headings: { level: number; text: string }[];
  /** The text of every paragraph-like block (paragraph, box title, caption, kicker, lead, byline), in reading order. */
  paragraphs: string[];
  lists: number;
  listItems: number;
  quotes: number;
  /** Notes that are set (every note of the document). */
  notes: number;
  /** Note references that link to a note (in the text and in notes). */
  references: number;
}

/** The structure the house template gives `doc` (see templates/pdf/blocks.tsx and tags.ts). */
export function expectedStructure(doc: RenderableDocument): ExpectedStructure {
  const levels = headingLevels(doc.children);
  const notes = new Map(doc.notes.map((n) => [n.id, n]));
  const mark = t(doc.lang, "untranslatedMark");
  const text = (ins: readonly Inline[]): string =>
    ins
      .map((n): string => {
        switch (n.type) {
          case "text":
            return n.value;
          case "noteRef":
            return notes.get(n.id)?.label ?? n.id;
          case "foreign":
            return (n.reason === "untranslated" ? mark : "") + text(n.children);
          case "emphasis":
          case "strong":
          case "link":
            return text(n.children);
          default:
            return plainText([n]);
        }
      })
      .join("");
  const refs = (ins: readonly Inline[]): number =>
    ins.reduce((k, n) => k + (n.type === "noteRef" ? (notes.has(n.id) ? 1 : 0) : "children" in n ? refs(n.children) : 0), 0);
  const out: ExpectedStructure = { headings: [], paragraphs: [], lists: 0, listItems: 0, quotes: 0, notes: doc.notes.length, references: 0 };
  for (const n of doc.notes) out.references += refs(n.children);
  const para = (ins: readonly Inline[]): void => {
    out.paragraphs.push(text(ins));
    out.references += refs(ins);
  };
  const walk = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      switch (b.type) {
        case "heading": {
          const level = levels.get(b.id);
          // As set: its number, its text and the labels of the notes it refers to.
          if (level) out.headings.push({ level, text: `${b.number ?? ""} ${text(headingText(b))}` });
          out.references += refs(b.children);
          break;
        }
        case "paragraph":
        case "caption":
          para(b.children);
          break;
        case "quote":
          out.quotes++;
          out.references += refs(b.children);
          break;
        case "list":
          if (b.children.length > 0) out.lists++;
          // A block straight in a list is set as an item of its own.
          out.listItems += b.children.length;
          for (const c of b.children) walk(c.type === "listItem" ? c.children : [c]);
          break;
        case "listItem":
          // A list item outside a list: a list of one item.
          out.lists++;
          out.listItems++;
          walk(b.children);
          break;
        case "box":
          if (b.title) para(b.title);
          walk(b.children);
          break;
        case "article":
          if (b.kicker) para(b.kicker);
          out.headings.push({ level: 1, text: plainText(b.title).trim() });
          out.references += refs(b.title);
          if (b.lead) para(b.lead);
          if (b.byline) para(b.byline);
          walk(b.children);
          break;
        default: {
          const _: never = b;
          void _;
        }
      }
    }
  };
  walk(doc.children);
  return out;
}

/** The structure types of ISO 32000-1, 14.8.4 (a tagged PDF without a RoleMap uses only these). */
export const STANDARD_TYPES = new Set(
  "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form".split(
    " ",
  ),
);

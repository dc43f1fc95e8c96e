import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, type PDFObject } from "pdf-lib";

/**
 * A tagged PDF's structure tree, read as evidence of the document's blocks:
 * the leaf blocks (headings, paragraphs, list items, notes, quotations,
 * captions) in the tree's order, which is the reading order its producer
 * declared, each with the marked content (page and MCID) its text is drawn in.
 * Where the text itself lies on the page is the PDF reader's business
 * (pdf.ts reports each run's marked content); this module only reads the tree.
 *
 * Roles are resolved through the tree's RoleMap to the standard types of
 * PDF 32000-1, 14.8.4. Elements with no standard block meaning (Document,
 * Part, Sect, Div, Art, NonStruct, Span, Link …) pass their content to the
 * nearest block around them; content under no block at all is gathered into
 * paragraphs, one per run of such content under one parent.
 */
/** `figure`: text drawn inside a Figure (a chart's labels), not running text. */
export type UnitKind = "heading" | "para" | "item" | "note" | "quote" | "caption" | "figure";

export interface StructUnit {
  kind: UnitKind;
  /** The standard role the unit comes from (P, H2, LI, Note …). */
  role: string;
  /** Heading level, 1–6 (H1–H6; an H is levelled by the sections around it). */
  level?: number;
  /** A list item: its list is numbered (ListNumbering), where no drawn label says otherwise. */
  ordered?: boolean;
  /** Keys of the marked content of the unit's list label (Lbl), if it has one. */
  label: string[];
  /** For a numbered list without a drawn label: the item's number in its list. */
  number?: number;
  /** Keys (`page:mcid`, page 1-based) of the unit's marked content, in the tree's order. */
  content: string[];
}

export interface StructTree {
  units: StructUnit[];
  /** Every marked-content key the tree refers to (for telling how much of the text it covers). */
  keys: Set<string>;
}

/** Roles that hold one block of text. */
const BLOCK_ROLES: Record<string, UnitKind> = {
  P: "para",
  H: "heading",
  H1: "heading",
  H2: "heading",
  H3: "heading",
  H4: "heading",
  H5: "heading",
  H6: "heading",
  Title: "heading",
  BlockQuote: "quote",
  Caption: "caption",
  TOCI: "para",
  TD: "para",
  TH: "para",
  Note: "note",
  Formula: "para",
};

/** The standard structure types (PDF 32000-1, 14.8.4): a role map does not map these on. */
const STANDARD = new Set([
  // Title is PDF 2.0's: a PDF 1.7 producer maps its own "Title" on (LibreOffice: to P)
  ...Object.keys(BLOCK_ROLES).filter((r) => r !== "Title"),
  ..."Document Part Art Sect Div NonStruct Private Index TOC L LI Lbl LBody Table TR THead TBody TFoot Figure Span Quote Code Link Annot Reference BibEntry Ruby RB RT RP Warichu WT WP Artifact".split(" "),
]);

/** At most this many elements are visited (a loop in a damaged tree stops here too). */
const MAX_ELEMENTS = 500_000;

/**
 * The structure tree of a tagged PDF, or undefined when it has none (or one
 * that cannot be read: the layout then decides, and the caller says so).
 */
export async function readStructTree(bytes: Uint8Array): Promise<StructTree | undefined> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return undefined;
  }
  const ctx = doc.context;
  const lookup = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const root = lookup(doc.catalog.get(PDFName.of("StructTreeRoot")));
  if (!(root instanceof PDFDict)) return undefined;
  const pageOf = new Map<string, number>();
  doc.getPages().forEach((p, i) => pageOf.set(p.ref.toString(), i + 1));

  const roleMap = new Map<string, string>();
  const rm = lookup(root.get(PDFName.of("RoleMap")));
  if (rm instanceof PDFDict) for (const [k, v] of rm.entries()) if (v instanceof PDFName) roleMap.set(k.decodeText(), v.decodeText());
  const standard = (name: string): string => {
    // a role maps to another, which may map on, until a standard type (a loop ends it)
    let r = name;
    for (let i = 0; i < 10 && !STANDARD.has(r) && roleMap.has(r); i++) r = roleMap.get(r)!;
    return r;
  };

  /** An element's standard role. */
  const roleOf = (el: PDFDict): string => standard(nameOf(el.get(PDFName.of("S"))));

  const units: StructUnit[] = [];
  const keys = new Set<string>();
  const seen = new Set<PDFDict>();
  let visited = 0;

  /** A kid of a structure element: marked content (an MCID, or an MCR), an annotation (OBJR) or an element. */
  const kindOf = (k: PDFObject | undefined): "content" | "object" | "element" | undefined => {
    if (k instanceof PDFNumber) return "content";
    if (!(k instanceof PDFDict)) return undefined;
    const type = nameOf(k.get(PDFName.of("Type")));
    return type === "MCR" ? "content" : type === "OBJR" ? "object" : "element";
  };
  /** The element kid `k` the first time it is met, marked seen; false after (a loop, a shared kid). */
  const firstVisit = (k: PDFDict): boolean => {
    if (seen.has(k) || visited++ >= MAX_ELEMENTS) return false;
    seen.add(k);
    return true;
  };

  /** Marked content kid `k` (an MCID on page `pg`, or an MCR) into `out`. */
  const take = (k: PDFObject | undefined, pg: number | undefined, out: string[]): void => {
    const mcid = k instanceof PDFDict ? k.get(PDFName.of("MCID")) : k;
    const page = (k instanceof PDFDict ? pageRef(k) : undefined) ?? pg;
    if (!(mcid instanceof PDFNumber) || page === undefined) return;
    const key = `${page}:${mcid.asNumber()}`;
    out.push(key);
    keys.add(key);
  };

  /** The marked content under `el` (all of it, whatever elements lie between), in order. */
  const contentOf = (el: PDFDict, page: number | undefined, out: string[]): void => {
    const pg = pageRef(el) ?? page;
    for (const kid of kidsOf(el)) {
      const k = lookup(kid);
      const kind = kindOf(k);
      if (kind === "content") take(k, pg, out);
      else if (kind === "element" && firstVisit(k as PDFDict) && roleOf(k as PDFDict) !== "Artifact") contentOf(k as PDFDict, pg, out);
    }
  };

  const pageRef = (d: PDFDict): number | undefined => {
    const r = d.get(PDFName.of("Pg"));
    return r instanceof PDFRef ? pageOf.get(r.toString()) : undefined;
  };

  /** Loose content directly under a grouping element: gathered into one paragraph per run. */
  let loose: StructUnit | undefined;
  const flushLoose = (): void => {
    if (loose && loose.content.length) units.push(loose);
    loose = undefined;
  };

  /** The kids of an element (or a nested list, alone) on page `page`, as blocks. */
  const walk = (kids: PDFObject[], page: number | undefined, sectionDepth: number, list?: { ordered: boolean; n: number }): void => {
    for (const kid of kids) {
      const k = lookup(kid);
      const kidKind = kindOf(k);
      if (kidKind === "content") {
        // marked content straight under a grouping element
        loose ??= { kind: "para", role: "P", label: [], content: [] };
        take(k, page, loose.content);
        continue;
      }
      if (kidKind !== "element" || !firstVisit(k as PDFDict)) continue;
      const el = k as PDFDict;
      const role = roleOf(el);
      if (role === "Artifact") continue;
      const kpg = pageRef(el) ?? page;
      if (role === "L") {
        flushLoose();
        const numbering = nameOf(lookupAttr(el, "ListNumbering", lookup));
        walk(kidsOf(el), kpg, sectionDepth, { ordered: /^(Decimal|UpperRoman|LowerRoman|UpperAlpha|LowerAlpha)$/.test(numbering), n: 0 });
        continue;
      }
      if (list && role !== "Caption") {
        // a child of a list is one item (LI, or whatever element a producer used): its label,
        // its body, and any list nested in it as items of their own
        flushLoose();
        list.n++;
        const unit: StructUnit = { kind: "item", role: "LI", ordered: list.ordered, label: [], content: [] };
        if (list.ordered) unit.number = list.n;
        units.push(unit);
        itemContent(el, kpg, unit, sectionDepth);
        continue;
      }
      const kind = BLOCK_ROLES[role];
      if (kind) {
        flushLoose();
        const unit: StructUnit = { kind, role, label: [], content: [] };
        if (kind === "heading") unit.level = role === "Title" ? 1 : /^H\d$/.test(role) ? Number(role[1]) : Math.max(1, Math.min(6, sectionDepth));
        units.push(unit);
        if (kind === "note") itemContent(el, kpg, unit, sectionDepth);
        else contentOf(el, kpg, unit.content);
        continue;
      }
      if (role === "Figure") {
        // a figure's text (labels drawn inside a chart) is not running text
        flushLoose();
        const unit: StructUnit = { kind: "figure", role, label: [], content: [] };
        units.push(unit);
        contentOf(el, kpg, unit.content);
        continue;
      }
      if (role === "Table" || role === "TR" || role === "THead" || role === "TBody" || role === "TFoot" || role === "TOC") {
        flushLoose();
        walk(kidsOf(el), kpg, sectionDepth);
        continue;
      }
      // grouping (Document, Part, Sect, Div, Art, NonStruct) or inline (Span, Link, Quote …):
      // its content belongs to no block of its own
      const inline = /^(Span|Link|Quote|Code|Reference|BibEntry|Annot|Ruby|Warichu|Em|Strong)$/.test(role);
      if (inline) {
        loose ??= { kind: "para", role: "P", label: [], content: [] };
        contentOf(el, kpg, loose.content);
        continue;
      }
      flushLoose();
      walk(kidsOf(el), kpg, sectionDepth + (role === "Sect" || role === "Part" || role === "Art" ? 1 : 0));
      flushLoose();
    }
  };

  /** An item's (or note's) content: Lbl apart, nested lists as items of their own after it. */
  const itemContent = (el: PDFDict, page: number | undefined, unit: StructUnit, sectionDepth: number): void => {
    const nested: { l: PDFDict; pg: number | undefined }[] = [];
    const collect = (e: PDFDict, p: number | undefined): void => {
      const ep = pageRef(e) ?? p;
      for (const kid of kidsOf(e)) {
        const k = lookup(kid);
        const kidKind = kindOf(k);
        if (kidKind === "content") take(k, ep, unit.content);
        if (kidKind !== "element") continue;
        const child = k as PDFDict;
        const role = roleOf(child);
        // a nested list is left for walk(), which marks it seen
        if (role === "L" && !seen.has(child)) nested.push({ l: child, pg: pageRef(child) ?? ep });
        else if (role !== "L" && role !== "Artifact" && firstVisit(child)) {
          if (role === "Lbl") contentOf(child, ep, unit.label);
          else collect(child, ep);
        }
      }
    };
    collect(el, page);
    // a nested list's items follow the item they are nested in
    for (const n of nested) walk([n.l], n.pg, sectionDepth);
  };

  walk(kidsOf(root), undefined, 0);
  flushLoose();
  return { units: units.filter((u) => u.content.length > 0 || u.label.length > 0), keys };
}

function nameOf(o: PDFObject | undefined): string {
  return o instanceof PDFName ? o.decodeText() : "";
}

function kidsOf(el: PDFDict): PDFObject[] {
  const k = el.get(PDFName.of("K"));
  if (k === undefined) return [];
  return k instanceof PDFArray ? k.asArray() : [k];
}

/** An attribute of a structure element (in its A dictionary or array of them). */
function lookupAttr(el: PDFDict, name: string, lookup: (o: PDFObject | undefined) => PDFObject | undefined): PDFObject | undefined {
  const a = lookup(el.get(PDFName.of("A")));
  const dicts = a instanceof PDFArray ? a.asArray().map(lookup) : [a];
  for (const d of dicts) if (d instanceof PDFDict) {
    const v = d.get(PDFName.of(name));
    if (v !== undefined) return lookup(v);
  }
  return undefined;
}

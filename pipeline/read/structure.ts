import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString, type PDFObject } from "pdf-lib";

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
  /** A list item's label as drawn (a Lbl's text is found by the reader) or from the list's numbering. */
  ordered?: boolean;
  /** Keys of the marked content of the unit's list label (Lbl), if it has one. */
  label: string[];
  /** For a numbered list without a drawn label: the item's number in its list. */
  number?: number;
  /** Keys (`page:mcid`, page 1-based) of the unit's marked content, in the tree's order. */
  content: string[];
  /** Alternate text (Figure's Alt) or replacement text, where the tree gives it. */
  alt?: string;
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
  Lbl: "para",
  LBody: "para",
  Formula: "para",
};

/** The standard structure types (PDF 32000-1, 14.8.4): a role map does not map these on. */
const STANDARD = new Set([
  // Title is PDF 2.0's: a PDF 1.7 producer maps its own "Title" on (LibreOffice: to P)
  ...Object.keys(BLOCK_ROLES).filter((r) => r !== "Title"),
  ..."Document Part Art Sect Div NonStruct Private Index TOC L LI Table TR THead TBody TFoot Figure Span Quote Code Link Annot Reference BibEntry Ruby RB RT RP Warichu WT WP Artifact".split(" "),
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

  /** A stand-in element holding one kid, to read that kid as an element's content. */
  const holding = (kid: PDFObject): PDFDict => {
    const d = PDFDict.withContext(ctx);
    d.set(PDFName.of("K"), kid);
    return d;
  };

  const units: StructUnit[] = [];
  const keys = new Set<string>();
  const seen = new Set<PDFDict>();
  let visited = 0;

  const take = (out: string[], key: string): void => {
    out.push(key);
    keys.add(key);
  };

  /** The marked content under `el` (all of it, whatever elements lie between), in order. */
  const contentOf = (el: PDFDict, page: number | undefined, out: string[]): void => {
    const pg = pageRef(el) ?? page;
    for (const kid of kidsOf(el)) {
      const k = lookup(kid);
      if (k instanceof PDFNumber) {
        if (pg !== undefined) take(out, `${pg}:${k.asNumber()}`);
      } else if (k instanceof PDFDict) {
        const type = k.get(PDFName.of("Type"));
        if (type instanceof PDFName && type.decodeText() === "MCR") {
          const m = k.get(PDFName.of("MCID"));
          const p = pageRef(k) ?? pg;
          if (m instanceof PDFNumber && p !== undefined) take(out, `${p}:${m.asNumber()}`);
        } else if (type instanceof PDFName && type.decodeText() === "OBJR") continue;
        else if (!seen.has(k) && visited++ < MAX_ELEMENTS) {
          seen.add(k);
          const role = standard(nameOf(k.get(PDFName.of("S"))));
          if (role === "Artifact") continue;
          contentOf(k, pg, out);
        }
      }
    }
  };

  const pageRef = (d: PDFDict): number | undefined => {
    const r = d.get(PDFName.of("Pg"));
    return r instanceof PDFRef ? pageOf.get(r.toString()) : undefined;
  };

  const textOf = (o: PDFObject | undefined): string | undefined => {
    const v = lookup(o);
    return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
  };

  /** Loose content directly under a grouping element: gathered into one paragraph per run. */
  let loose: StructUnit | undefined;
  const flushLoose = (): void => {
    if (loose && loose.content.length) units.push(loose);
    loose = undefined;
  };

  const walk = (el: PDFDict, page: number | undefined, sectionDepth: number, list?: { ordered: boolean; n: number }): void => {
    const pg = pageRef(el) ?? page;
    for (const kid of kidsOf(el)) {
      const k = lookup(kid);
      if (k instanceof PDFNumber || (k instanceof PDFDict && nameOf(k.get(PDFName.of("Type"))) === "MCR")) {
        // marked content straight under a grouping element
        loose ??= { kind: "para", role: "P", label: [], content: [] };
        contentOf(holding(kid), pg, loose.content);
        continue;
      }
      if (!(k instanceof PDFDict) || nameOf(k.get(PDFName.of("Type"))) === "OBJR" || seen.has(k) || visited++ >= MAX_ELEMENTS) continue;
      seen.add(k);
      const role = standard(nameOf(k.get(PDFName.of("S"))));
      if (role === "Artifact") continue;
      const kpg = pageRef(k) ?? pg;
      if (role === "L") {
        flushLoose();
        const numbering = nameOf(lookupAttr(k, "ListNumbering", lookup));
        walk(k, kpg, sectionDepth, { ordered: /^(Decimal|UpperRoman|LowerRoman|UpperAlpha|LowerAlpha)$/.test(numbering), n: 0 });
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
        itemContent(k, kpg, unit, sectionDepth);
        continue;
      }
      const kind = BLOCK_ROLES[role];
      if (kind && role !== "Lbl" && role !== "LBody") {
        flushLoose();
        const unit: StructUnit = { kind, role, label: [], content: [] };
        if (kind === "heading") unit.level = role === "Title" ? 1 : /^H\d$/.test(role) ? Number(role[1]) : Math.max(1, Math.min(6, sectionDepth));
        const alt = textOf(k.get(PDFName.of("ActualText")));
        if (alt) unit.alt = alt;
        units.push(unit);
        if (kind === "note") itemContent(k, kpg, unit, sectionDepth);
        else contentOf(k, kpg, unit.content);
        continue;
      }
      if (role === "Figure" || role === "Formula") {
        // a figure's text (labels drawn inside a chart) is not running text; its Alt is not the document's text either
        flushLoose();
        const unit: StructUnit = { kind: "figure", role, label: [], content: [] };
        const alt = textOf(k.get(PDFName.of("Alt")));
        if (alt) unit.alt = alt;
        units.push(unit);
        contentOf(k, kpg, unit.content);
        continue;
      }
      if (role === "Table" || role === "TR" || role === "THead" || role === "TBody" || role === "TFoot" || role === "TOC") {
        flushLoose();
        walk(k, kpg, sectionDepth);
        continue;
      }
      // grouping (Document, Part, Sect, Div, Art, NonStruct) or inline (Span, Link, Quote …):
      // its content belongs to no block of its own
      const inline = /^(Span|Link|Quote|Code|Reference|BibEntry|Annot|Ruby|Warichu|Em|Strong)$/.test(role);
      if (inline) {
        loose ??= { kind: "para", role: "P", label: [], content: [] };
        contentOf(k, kpg, loose.content);
        continue;
      }
      flushLoose();
      walk(k, kpg, sectionDepth + (role === "Sect" || role === "Part" || role === "Art" ? 1 : 0), undefined);
      flushLoose();
    }
  };

  /** An item's (or note's) content: Lbl apart, nested lists as items of their own after it. */
  const itemContent = (el: PDFDict, page: number | undefined, unit: StructUnit, sectionDepth: number): void => {
    const pg = pageRef(el) ?? page;
    const nested: { k: PDFDict; pg: number | undefined }[] = [];
    const collect = (e: PDFDict, p: number | undefined): void => {
      const ep = pageRef(e) ?? p;
      for (const kid of kidsOf(e)) {
        const k = lookup(kid);
        if (k instanceof PDFDict && nameOf(k.get(PDFName.of("Type"))) !== "MCR" && nameOf(k.get(PDFName.of("Type"))) !== "OBJR") {
          if (seen.has(k) || visited++ >= MAX_ELEMENTS) continue;
          seen.add(k);
          const role = standard(nameOf(k.get(PDFName.of("S"))));
          const kp = pageRef(k) ?? ep;
          if (role === "Artifact") continue;
          if (role === "L") nested.push({ k, pg: kp });
          else if (role === "Lbl") contentOf(k, kp, unit.label);
          else collect(k, kp);
        } else {
          contentOf(holding(kid), ep, unit.content);
        }
      }
    };
    collect(el, pg);
    // a nested list's items follow the item they are nested in
    for (const n of nested) {
      seen.delete(n.k);
      walk(holding(n.k), n.pg, sectionDepth);
    }
  };

  walk(root, undefined, 0);
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

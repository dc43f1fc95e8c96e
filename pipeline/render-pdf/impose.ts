/**
 * Imposes the column pages of a tagged PDF onto the pages of another tagged
 * PDF (the magazine's A4 frame) and keeps what a reader and a screen reader
 * need from the columns: their structure tree, their link annotations and
 * their named destinations.
 *
 * A column page's content is copied into its frame page's own content stream
 * (inside `q … cm … W n … Q`, as a Form XObject would draw it), not drawn as
 * a Form XObject: marked content inside a Form XObject is numbered apart from
 * the page's, and readers (pdf.js among them) then confuse the two. So the
 * column's resources are renamed (`/F1` → `/C3F1`) and its marked-content ids
 * renumbered to follow the frame page's; its structure elements are copied
 * under the frame's, each article's body into the frame's section of that
 * article (its head is set on the frame), in reading order.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObjectCopier, PDFRawStream, PDFRef, PDFString, type PDFObject } from "pdf-lib";

/** Where one column page goes: onto frame page `page` (0-based) with its lower left corner at (x, y). */
export interface Placement {
  column: number;
  page: number;
  x: number;
  y: number;
}

/** Where a column page went: the frame page and the offset of the column on it. */
interface Destination {
  ref: PDFRef;
  x: number;
  y: number;
}

/** The frame page a column page (by its reference) was drawn on, and where; undefined for any other object. */
type PlacedPage = (ref: PDFObject | undefined) => Destination | undefined;

/**
 * Draws every column page of `columns` onto the frame page its placement
 * names, in `frame` itself. `unitOf(column)` is the unit (article) a column
 * page belongs to and `unitStart(unit)` the frame page where that unit
 * starts: its column elements go into the frame's section element that
 * starts on that page (the article's head), or else after the frame's
 * elements on that page.
 */
export function imposeColumns(frame: PDFDocument, columns: PDFDocument, placements: readonly Placement[], unitOf: (column: number) => number, unitStart: (unit: number) => number): void {
  const ctx = frame.context;
  const copier = PDFObjectCopier.for(columns.context, ctx);
  const framePages = frame.getPages();
  const columnPages = columns.getPages();
  /** Each column page drawn: where, the offset of its marked-content ids there, and its own parent-tree array. */
  const placed = new Map<string, { placement: Placement; offset: number; ids: PDFObject[] }>();

  const frameRoot = frame.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  const columnRoot = columns.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  const tagged = frameRoot !== undefined && columnRoot !== undefined;
  const frameTree = tagged ? readNumberTree(frameRoot.lookup(PDFName.of("ParentTree"), PDFDict)) : new Map<number, PDFObject>();
  const columnTree = tagged ? readNumberTree(columnRoot.lookup(PDFName.of("ParentTree"), PDFDict)) : new Map<number, PDFObject>();
  let nextKey = Math.max(-1, ...frameTree.keys()) + 1;
  /** The marked-content ids in use on each frame page: its parent-tree array. */
  const pageArrays = new Map<number, PDFObject[]>();
  const arrayOf = (pageIndex: number): PDFObject[] => {
    let arr = pageArrays.get(pageIndex);
    if (arr) return arr;
    const node = framePages[pageIndex]!.node;
    const key = node.lookupMaybe(PDFName.of("StructParents"), PDFNumber)?.asNumber();
    const existing = key === undefined ? undefined : frameTree.get(key);
    arr = existing instanceof PDFArray ? existing.asArray() : [];
    pageArrays.set(pageIndex, arr);
    return arr;
  };

  /** A column page's reference → the frame page it is drawn on, and where. */
  const placedPage: PlacedPage = (ref) => {
    const at = ref instanceof PDFRef ? byColumnRef.get(ref.toString()) : undefined;
    return at ? { ref: framePages[at.page]!.ref, x: at.x, y: at.y } : undefined;
  };
  const byColumnRef = new Map(placements.map((pl) => [columnPages[pl.column]!.ref.toString(), pl]));

  // 1. Content, resources and annotations.
  const annotMap = new Map<string, PDFRef>();
  /** Copied annotations with the parent-tree key they had in the columns. */
  const structAnnots: { annot: PDFDict; key: number }[] = [];
  const wrapped = new Set<PDFDict>();
  /** The columns' fonts as copied into the frame. */
  const fontRefs = new Set<PDFRef>();
  for (const pl of placements) {
    const src = columnPages[pl.column]!;
    const dst = framePages[pl.page]!;
    const prefix = `C${pl.column}`;
    const { width, height } = src.getSize();
    const offset = tagged ? arrayOf(pl.page).length : 0;
    const key = src.node.lookupMaybe(PDFName.of("StructParents"), PDFNumber)?.asNumber();
    const own = key === undefined ? undefined : columnTree.get(key);
    const ids = own instanceof PDFArray ? own.asArray() : [];
    placed.set(src.ref.toString(), { placement: pl, offset, ids });

    dst.node.normalize();
    const names = mergeResources(dst.node.Resources()!, src.node.Resources(), prefix, copier, ctx, fontRefs);
    const body = rewriteContent(pageContent(columns, src.node), names, offset);
    if (tagged) {
      const count = Math.max(ids.length, countMarked(body));
      for (let i = 0; i < count; i++) arrayOf(pl.page).push(ctx.obj(null) as PDFObject);
    }
    const head = `q 1 0 0 1 ${num(pl.x)} ${num(pl.y)} cm 0 0 ${num(width)} ${num(height)} re W n\n`;
    appendContent(frame, dst.node, `${head}${body}\nQ\n`, wrapped);

    const annots = src.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    for (let i = 0; annots && i < annots.size(); i++) {
      const ref = annots.get(i);
      const annot = annots.lookup(i);
      if (!(annot instanceof PDFDict)) continue;
      const copy = ctx.obj({}) as PDFDict;
      for (const [k, v] of annot.entries()) {
        const key = k.asString();
        if (key === "/P" || key === "/StructParent" || key === "/Rect") continue;
        copy.set(k, key === "/A" || key === "/Dest" ? copyAction(v, columns, copier, ctx, placedPage) : copier.copy(v));
      }
      const rect = annot.lookup(PDFName.of("Rect"), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
      copy.set(PDFName.of("Rect"), ctx.obj([rect[0]! + pl.x, rect[1]! + pl.y, rect[2]! + pl.x, rect[3]! + pl.y]));
      copy.set(PDFName.of("P"), dst.ref);
      const newRef = ctx.register(copy);
      if (ref instanceof PDFRef) annotMap.set(ref.toString(), newRef);
      const old = annot.lookupMaybe(PDFName.of("StructParent"), PDFNumber);
      if (old !== undefined && tagged) structAnnots.push({ annot: copy, key: old.asNumber() });
      let list = dst.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
      if (!list) {
        list = ctx.obj([]) as PDFArray;
        dst.node.set(PDFName.of("Annots"), list);
      }
      list.push(newRef);
      if (tagged) dst.node.set(PDFName.of("Tabs"), PDFName.of("S"));
    }
  }

  renameSubsets(frame, [...fontRefs]);

  // 2. Named destinations of the columns, moved to where their page was drawn.
  mergeDestinations(frame, columns, placedPage, copier);

  if (!tagged) return;

  // 3. The structure elements of the columns, copied under the frame's.
  const elemMap = new Map<string, PDFRef>();
  const pageOf = (pg: PDFObject | undefined) => (pg instanceof PDFRef ? placed.get(pg.toString()) : undefined);
  const copyElement = (ref: PDFRef, parent: PDFRef): PDFRef => {
    const src = columns.context.lookup(ref, PDFDict);
    const out = ctx.obj({}) as PDFDict;
    const newRef = ctx.nextRef();
    elemMap.set(ref.toString(), newRef);
    const pg = pageOf(src.get(PDFName.of("Pg")));
    for (const [k, v] of src.entries()) {
      const key = k.asString();
      if (key === "/P" || key === "/K" || key === "/Pg") continue;
      out.set(k, copier.copy(v));
    }
    out.set(PDFName.of("P"), parent);
    if (pg) out.set(PDFName.of("Pg"), framePages[pg.placement.page]!.ref);
    const kids = src.get(PDFName.of("K"));
    const list = kids instanceof PDFArray ? kids.asArray() : kids === undefined ? [] : [kids];
    const newKids: PDFObject[] = [];
    for (const kid of list) {
      if (kid instanceof PDFNumber) {
        if (pg) newKids.push(PDFNumber.of(kid.asNumber() + pg.offset));
        continue;
      }
      const dict = kid instanceof PDFRef ? columns.context.lookup(kid) : kid;
      if (!(dict instanceof PDFDict)) continue;
      const type = dict.get(PDFName.of("Type"));
      if (type === PDFName.of("MCR")) {
        const at = pageOf(dict.get(PDFName.of("Pg")));
        const mcid = dict.lookup(PDFName.of("MCID"), PDFNumber).asNumber();
        if (!at) continue;
        const pageRef = framePages[at.placement.page]!.ref;
        if (pg && pg.placement.page === at.placement.page) newKids.push(PDFNumber.of(mcid + at.offset));
        else newKids.push(ctx.obj({ Type: "MCR", Pg: pageRef, MCID: mcid + at.offset }));
      } else if (type === PDFName.of("OBJR")) {
        const at = pageOf(dict.get(PDFName.of("Pg")));
        const obj = dict.get(PDFName.of("Obj"));
        const annot = obj instanceof PDFRef ? annotMap.get(obj.toString()) : undefined;
        if (!at || !annot) continue;
        newKids.push(ctx.obj({ Type: "OBJR", Obj: annot, Pg: framePages[at.placement.page]!.ref }));
      } else if (kid instanceof PDFRef) newKids.push(copyElement(kid, newRef));
    }
    out.set(PDFName.of("K"), ctx.obj(newKids));
    ctx.assign(newRef, out);
    return newRef;
  };

  const frameDoc = documentElement(frame, frameRoot);
  const columnDoc = documentElement(columns, columnRoot);
  if (!frameDoc || !columnDoc) return;
  const frameKids = frameDoc.dict.lookup(PDFName.of("K"), PDFArray);
  const columnKids = columnDoc.dict.lookupMaybe(PDFName.of("K"), PDFArray)?.asArray() ?? [];
  const pageIndex = new Map(framePages.map((p, i) => [p.ref.toString(), i]));
  const columnIndex = new Map(columnPages.map((p, i) => [p.ref.toString(), i]));

  // Each unit's column elements, in order.
  const byUnit = new Map<number, PDFRef[]>();
  for (const kid of columnKids) {
    if (!(kid instanceof PDFRef)) continue;
    const first = firstPage(columns, kid);
    const column = first ? columnIndex.get(first.toString()) : undefined;
    if (column === undefined) continue;
    const unit = unitOf(column);
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), kid]);
  }
  // Into the frame's section on the unit's first page, or after the frame's elements on that page.
  const merged: PDFObject[] = [];
  const units = [...byUnit.keys()].sort((a, b) => a - b);
  let u = 0;
  const flushBefore = (page: number): void => {
    while (u < units.length && unitStart(units[u]!) < page) {
      for (const kid of byUnit.get(units[u]!)!) merged.push(copyElement(kid, frameDoc.ref));
      u++;
    }
  };
  for (const kid of frameKids.asArray()) {
    const first = kid instanceof PDFRef ? firstPage(frame, kid) : undefined;
    const page = first ? pageIndex.get(first.toString()) : undefined;
    if (page !== undefined) flushBefore(page);
    merged.push(kid);
    const dict = kid instanceof PDFRef ? ctx.lookup(kid) : undefined;
    if (page !== undefined && dict instanceof PDFDict && dict.get(PDFName.of("S")) === PDFName.of("Sect") && u < units.length && unitStart(units[u]!) === page) {
      const sectKids = dict.lookup(PDFName.of("K"), PDFArray);
      for (const c of byUnit.get(units[u]!)!) sectKids.push(copyElement(c, kid as PDFRef));
      u++;
    }
  }
  flushBefore(Infinity);
  frameDoc.dict.set(PDFName.of("K"), ctx.obj(merged));

  // 4. The parent tree: each frame page's array with its columns' ids; the columns' annotations.
  const mapped = (o: PDFObject | undefined): PDFObject => (o instanceof PDFRef ? (elemMap.get(o.toString()) ?? ctx.obj(null)) : ctx.obj(null)) as PDFObject;
  for (const { placement, offset, ids } of placed.values()) {
    const target = arrayOf(placement.page);
    ids.forEach((o, i) => {
      target[offset + i] = mapped(o);
    });
  }
  for (const [pageIdx, arr] of pageArrays) {
    const node = framePages[pageIdx]!.node;
    let key = node.lookupMaybe(PDFName.of("StructParents"), PDFNumber)?.asNumber();
    if (key === undefined) {
      if (arr.length === 0) continue;
      key = nextKey++;
      node.set(PDFName.of("StructParents"), PDFNumber.of(key));
    }
    frameTree.set(key, ctx.obj(arr));
  }
  for (const { annot, key: old } of structAnnots) {
    const key = nextKey++;
    annot.set(PDFName.of("StructParent"), PDFNumber.of(key));
    frameTree.set(key, mapped(columnTree.get(old)));
  }
  const nums: PDFObject[] = [];
  for (const [k, v] of [...frameTree].sort((a, b) => a[0] - b[0])) nums.push(PDFNumber.of(k), v);
  frameRoot.set(PDFName.of("ParentTree"), ctx.obj({ Nums: ctx.obj(nums) }));
  frameRoot.set(PDFName.of("ParentTreeNextKey"), PDFNumber.of(nextKey));

  // 5. Element IDs (every Note has one) of both documents in one IDTree.
  const ids = new Map<string, PDFObject>();
  const readIds = (root: PDFDict, map: (o: PDFObject) => PDFObject): void => {
    const tree = root.lookupMaybe(PDFName.of("IDTree"), PDFDict);
    if (tree) for (const [k, v] of readNameTree(tree)) ids.set(k, map(v));
  };
  readIds(frameRoot, (o) => o);
  readIds(columnRoot, mapped);
  if (ids.size > 0) frameRoot.set(PDFName.of("IDTree"), ctx.obj({ Names: ctx.obj(sortedNames(ids)) }));
}

/** The Document element under a structure tree root, with its reference. */
function documentElement(doc: PDFDocument, root: PDFDict): { ref: PDFRef; dict: PDFDict } | undefined {
  const k = root.get(PDFName.of("K"));
  const first = k instanceof PDFArray ? k.get(0) : k;
  if (!(first instanceof PDFRef)) return undefined;
  const dict = doc.context.lookup(first);
  return dict instanceof PDFDict && dict.get(PDFName.of("S")) === PDFName.of("Document") ? { ref: first, dict } : undefined;
}

/** The page of an element's first marked content, depth first. */
function firstPage(doc: PDFDocument, ref: PDFRef, depth = 0): PDFRef | undefined {
  const dict = doc.context.lookup(ref);
  if (!(dict instanceof PDFDict) || depth > 64) return undefined;
  const pg = dict.get(PDFName.of("Pg"));
  const k = dict.get(PDFName.of("K"));
  for (const kid of k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k]) {
    if (kid instanceof PDFNumber && pg instanceof PDFRef) return pg;
    const d = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
    if (!(d instanceof PDFDict)) continue;
    const type = d.get(PDFName.of("Type"));
    if (type === PDFName.of("MCR") || type === PDFName.of("OBJR")) {
      const p = d.get(PDFName.of("Pg")) ?? pg;
      if (p instanceof PDFRef) return p;
    } else if (kid instanceof PDFRef) {
      const p = firstPage(doc, kid, depth + 1);
      if (p) return p;
    }
  }
  return undefined;
}

/** A number tree's entries (flat /Nums or /Kids). */
function readNumberTree(node: PDFDict, out = new Map<number, PDFObject>(), depth = 0): Map<number, PDFObject> {
  const nums = node.lookupMaybe(PDFName.of("Nums"), PDFArray);
  for (let i = 0; nums && i + 1 < nums.size(); i += 2) {
    const k = nums.lookup(i);
    if (k instanceof PDFNumber) out.set(k.asNumber(), nums.get(i + 1));
  }
  const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
  for (let i = 0; kids && i < kids.size() && depth < 32; i++) readNumberTree(kids.lookup(i, PDFDict), out, depth + 1);
  return out;
}

/** A name tree's entries (flat /Names or /Kids). */
function readNameTree(node: PDFDict, out = new Map<string, PDFObject>(), depth = 0): Map<string, PDFObject> {
  const names = node.lookupMaybe(PDFName.of("Names"), PDFArray);
  for (let i = 0; names && i + 1 < names.size(); i += 2) {
    const k = names.lookup(i);
    if (k instanceof PDFString || k instanceof PDFHexString) out.set(k.decodeText(), names.get(i + 1));
  }
  const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
  for (let i = 0; kids && i < kids.size() && depth < 32; i++) readNameTree(kids.lookup(i, PDFDict), out, depth + 1);
  return out;
}

/** Name tree entries as one sorted /Names array (keys compared as bytes, as the PDF requires). */
function sortedNames(entries: Map<string, PDFObject>): PDFObject[] {
  const out: PDFObject[] = [];
  for (const [k, v] of [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) out.push(PDFString.of(k), v);
  return out;
}

/** The columns' named destinations, on the frame page their column went to and moved with it. */
function mergeDestinations(frame: PDFDocument, columns: PDFDocument, placedPage: PlacedPage, copier: PDFObjectCopier): void {
  const ctx = frame.context;
  const tree = columns.catalog.lookupMaybe(PDFName.of("Names"), PDFDict)?.lookupMaybe(PDFName.of("Dests"), PDFDict);
  if (!tree) return;
  let names = frame.catalog.lookupMaybe(PDFName.of("Names"), PDFDict);
  if (!names) {
    names = ctx.obj({}) as PDFDict;
    frame.catalog.set(PDFName.of("Names"), names);
  }
  const own = names.lookupMaybe(PDFName.of("Dests"), PDFDict);
  const entries = own ? readNameTree(own) : new Map<string, PDFObject>();
  for (const [name, value] of readNameTree(tree)) {
    const dest = columns.context.lookup(value);
    const arr = dest instanceof PDFDict ? dest.lookupMaybe(PDFName.of("D"), PDFArray) : dest instanceof PDFArray ? dest : undefined;
    const to = placedPage(arr?.get(0));
    if (!arr || !to || entries.has(name)) continue;
    entries.set(name, moveDest(arr, to, copier, ctx));
  }
  names.set(PDFName.of("Dests"), ctx.register(ctx.obj({ Names: ctx.obj(sortedNames(entries)) })));
}

/** An explicit destination on a column page, pointed at the frame page it was drawn on and moved with it. */
function moveDest(arr: PDFArray, to: Destination, copier: PDFObjectCopier, ctx: PDFDocument["context"]): PDFArray {
  // The page itself is never copied: it is replaced by the frame page.
  const items = arr.asArray().map((o, i) => (i === 0 ? to.ref : copier.copy(o)));
  if (items[1] === PDFName.of("XYZ")) {
    if (items[2] instanceof PDFNumber) items[2] = PDFNumber.of(items[2].asNumber() + to.x);
    if (items[3] instanceof PDFNumber) items[3] = PDFNumber.of(items[3].asNumber() + to.y);
  }
  return ctx.obj(items) as PDFArray;
}

/** A link's action or /Dest copied; an explicit destination on a column page moves with the page. */
function copyAction(value: PDFObject, columns: PDFDocument, copier: PDFObjectCopier, ctx: PDFDocument["context"], placedPage: PlacedPage): PDFObject {
  const v = value instanceof PDFRef ? columns.context.lookup(value) : value;
  if (v instanceof PDFArray) {
    const to = placedPage(v.get(0));
    return to ? moveDest(v, to, copier, ctx) : copier.copy(v);
  }
  if (!(v instanceof PDFDict)) return copier.copy(value);
  const out = ctx.obj({}) as PDFDict;
  for (const [k, x] of v.entries()) out.set(k, k.asString() === "/D" ? copyAction(x, columns, copier, ctx, placedPage) : copier.copy(x));
  return out;
}

const RESOURCE_KINDS = ["Font", "XObject", "ExtGState", "ColorSpace", "Pattern", "Shading", "Properties"] as const;
type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Copies a column page's resources into the frame page's under prefixed names; returns the renaming per kind. */
function mergeResources(dst: PDFDict, src: PDFDict | undefined, prefix: string, copier: PDFObjectCopier, ctx: PDFDocument["context"], fonts: Set<PDFRef>): Map<ResourceKind, Map<string, string>> {
  const renames = new Map<ResourceKind, Map<string, string>>();
  for (const kind of RESOURCE_KINDS) {
    const from = src?.lookupMaybe(PDFName.of(kind), PDFDict);
    if (!from) continue;
    let to = dst.lookupMaybe(PDFName.of(kind), PDFDict);
    if (!to) {
      to = ctx.obj({}) as PDFDict;
      dst.set(PDFName.of(kind), to);
    }
    const map = new Map<string, string>();
    for (const [k, v] of from.entries()) {
      const name = k.asString().slice(1);
      const renamed = `${prefix}${name}`;
      map.set(name, renamed);
      const copy = copier.copy(v);
      if (kind === "Font" && copy instanceof PDFRef) fonts.add(copy);
      to.set(PDFName.of(renamed), copy);
    }
    renames.set(kind, map);
  }
  return renames;
}

/**
 * Gives the columns' font subsets tags of their own. Both documents name their
 * subsets from the same counter (`CZZZZZ+SourceSans3-Bold` in each, with other
 * glyphs), and different subsets in one PDF file shall have different tags
 * (ISO 32000-1, 9.6.4), or a reader that knows fonts by name takes one for the other.
 */
function renameSubsets(doc: PDFDocument, fonts: PDFRef[]): void {
  const ctx = doc.context;
  const fontName = (d: PDFDict): PDFName | undefined => d.lookupMaybe(PDFName.of("BaseFont"), PDFName);
  const taken = new Set<string>();
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.lookupMaybe(PDFName.of("Type"), PDFName) !== PDFName.of("Font")) continue;
    const tag = /^\/([A-Z]{6})\+/.exec(fontName(obj)?.asString() ?? "")?.[1];
    if (tag) taken.add(tag);
  }
  let n = 0;
  const nextTag = (): string => {
    for (;;) {
      let k = n++;
      let tag = "";
      for (let i = 0; i < 5; i++, k = Math.floor(k / 26)) tag = String.fromCharCode(65 + (k % 26)) + tag;
      if (!taken.has(`T${tag}`)) {
        taken.add(`T${tag}`);
        return `T${tag}`;
      }
    }
  };
  const retag = (d: PDFDict | undefined, key: string, tag: string): void => {
    const name = d?.lookupMaybe(PDFName.of(key), PDFName)?.asString();
    if (d && name && /^\/[A-Z]{6}\+/.test(name)) d.set(PDFName.of(key), PDFName.of(`${tag}${name.slice(7)}`));
  };
  for (const ref of fonts) {
    const font = ctx.lookup(ref);
    if (!(font instanceof PDFDict) || !/^\/[A-Z]{6}\+/.test(fontName(font)?.asString() ?? "")) continue;
    const tag = nextTag();
    // The font, its descendant (a CID font) and their descriptors all carry the subset's name.
    const descendants = font.lookupMaybe(PDFName.of("DescendantFonts"), PDFArray);
    for (const d of [font, ...(descendants?.asArray().map((x) => ctx.lookup(x)) ?? [])]) {
      if (!(d instanceof PDFDict)) continue;
      retag(d, "BaseFont", tag);
      retag(d.lookupMaybe(PDFName.of("FontDescriptor"), PDFDict), "FontName", tag);
    }
  }
}

/** A page's content, its streams decoded and joined. */
function pageContent(doc: PDFDocument, node: PDFDict): string {
  const contents = node.get(PDFName.of("Contents"));
  const resolved = contents instanceof PDFRef ? doc.context.lookup(contents) : contents;
  const streams = resolved instanceof PDFArray ? resolved.asArray().map((r) => doc.context.lookup(r)) : [resolved];
  return streams
    .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
    .map((s) => Buffer.from(decodePDFRawStream(s).decode()).toString("latin1"))
    .join("\n");
}

/** Adds a content stream to a frame page, after its own content, which is first wrapped in q … Q so that none of its state carries over. */
function appendContent(doc: PDFDocument, node: PDFDict, content: string, wrapped: Set<PDFDict>): void {
  const ctx = doc.context;
  const contents = node.lookup(PDFName.of("Contents"));
  const list = contents instanceof PDFArray ? contents.asArray() : contents ? [node.get(PDFName.of("Contents"))!] : [];
  const own = wrapped.has(node) ? list : [ctx.register(ctx.flateStream("q\n")), ...list, ctx.register(ctx.flateStream("\nQ\n"))];
  wrapped.add(node);
  node.set(PDFName.of("Contents"), ctx.obj([...own, ctx.register(ctx.flateStream(Buffer.from(content, "latin1")))]));
}

/** The operators that name a resource, and which of their name operands it is (BDC/DP: the tag first, then a property list's name). */
const OPERATOR_RESOURCE: Record<string, { kind: ResourceKind; operand: "first" | "last" | "second" }> = {
  Tf: { kind: "Font", operand: "first" },
  Do: { kind: "XObject", operand: "last" },
  gs: { kind: "ExtGState", operand: "last" },
  cs: { kind: "ColorSpace", operand: "last" },
  CS: { kind: "ColorSpace", operand: "last" },
  scn: { kind: "Pattern", operand: "last" },
  SCN: { kind: "Pattern", operand: "last" },
  sh: { kind: "Shading", operand: "last" },
  BDC: { kind: "Properties", operand: "second" },
  DP: { kind: "Properties", operand: "second" },
};

interface Token {
  start: number;
  end: number;
  kind: "name" | "number" | "dict" | "other";
}

/**
 * Rewrites a content stream: resource names after the renaming, marked-content
 * ids shifted by `offset`. Strings, arrays and inline dictionaries are read as
 * whole operands, so nothing inside a string is ever touched.
 */
export function rewriteContent(src: string, names: Map<ResourceKind, Map<string, string>>, offset: number): string {
  const edits: { start: number; end: number; text: string }[] = [];
  let operands: Token[] = [];
  let i = 0;
  const n = src.length;
  const isWhite = (c: string): boolean => c === " " || c === "\n" || c === "\r" || c === "\t" || c === "\f" || c === "\0";
  const isDelim = (c: string): boolean => "()<>[]{}/%".includes(c);
  const skipString = (): void => {
    let depth = 0;
    for (; i < n; i++) {
      const c = src[i]!;
      if (c === "\\") i++;
      else if (c === "(") depth++;
      else if (c === ")" && --depth === 0) {
        i++;
        return;
      }
    }
  };
  const skipDict = (): void => {
    let depth = 0;
    while (i < n) {
      if (src.startsWith("<<", i)) {
        depth++;
        i += 2;
      } else if (src.startsWith(">>", i)) {
        depth--;
        i += 2;
        if (depth === 0) return;
      } else if (src[i] === "(") skipString();
      else i++;
    }
  };
  let arrayDepth = 0;
  while (i < n) {
    const c = src[i]!;
    if (isWhite(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "%") {
      while (i < n && src[i] !== "\n" && src[i] !== "\r") i++;
      continue;
    }
    if (c === "(") {
      skipString();
      if (arrayDepth === 0) operands.push({ start, end: i, kind: "other" });
      continue;
    }
    if (src.startsWith("<<", i)) {
      skipDict();
      if (arrayDepth === 0) operands.push({ start, end: i, kind: "dict" });
      continue;
    }
    if (c === "<") {
      while (i < n && src[i] !== ">") i++;
      i++;
      if (arrayDepth === 0) operands.push({ start, end: i, kind: "other" });
      continue;
    }
    if (c === "[") {
      arrayDepth++;
      i++;
      continue;
    }
    if (c === "]") {
      arrayDepth = Math.max(0, arrayDepth - 1);
      i++;
      if (arrayDepth === 0) operands.push({ start, end: i, kind: "other" });
      continue;
    }
    i++;
    while (i < n && !isWhite(src[i]!) && !isDelim(src[i]!)) i++;
    if (arrayDepth > 0) continue;
    const word = src.slice(start, i);
    if (c === "/") {
      operands.push({ start, end: i, kind: "name" });
      continue;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      operands.push({ start, end: i, kind: "number" });
      continue;
    }
    // An operator (or true/false/null as an operand).
    if (word === "true" || word === "false" || word === "null") {
      operands.push({ start, end: i, kind: "other" });
      continue;
    }
    if (word === "BI") {
      // An inline image: its data runs to "EI" and is left as it is.
      const end = src.indexOf("EI", i);
      i = end < 0 ? n : end + 2;
      operands = [];
      continue;
    }
    const rule = OPERATOR_RESOURCE[word];
    if (rule) {
      const nameOperands = operands.filter((t) => t.kind === "name");
      const target =
        rule.operand === "first" ? nameOperands[0] : rule.operand === "last" ? nameOperands[nameOperands.length - 1] : operands.length === 2 && operands[1]!.kind === "name" ? operands[1] : undefined;
      if (target) {
        const renamed = names.get(rule.kind)?.get(src.slice(target.start + 1, target.end));
        if (renamed) edits.push({ start: target.start, end: target.end, text: `/${renamed}` });
      }
      if (rule.kind === "Properties" && offset !== 0) {
        const dict = operands.find((t) => t.kind === "dict");
        if (dict) {
          const text = src.slice(dict.start, dict.end);
          const shifted = text.replace(/\/MCID\s+(\d+)/, (_, d: string) => `/MCID ${Number(d) + offset}`);
          if (shifted !== text) edits.push({ start: dict.start, end: dict.end, text: shifted });
        }
      }
    }
    operands = [];
  }
  let out = "";
  let at = 0;
  for (const e of edits.sort((a, b) => a.start - b.start)) {
    out += src.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + src.slice(at);
}

/** How many marked-content sequences with an id a (rewritten) content stream holds. */
function countMarked(content: string): number {
  return (content.match(/\/MCID\s+\d+/g) ?? []).length;
}

/** A number as pdf-lib writes it (never rounded: the columns land exactly where a Form XObject would put them). */
function num(x: number): string {
  return PDFNumber.of(x).toString();
}

/**
 * Notes link back to their reference. react-pdf names only whole blocks, so a
 * named destination for a reference would mark the start of its paragraph,
 * which can be on the page before. After rendering, each note label's link
 * (to `ref-<note id>`, see templates/pdf/context.ts) is pointed at the place
 * of the note's first reference itself: the page and height of the link
 * annotation on the reference.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNull, PDFNumber, PDFRef } from "pdf-lib";
import { noteAnchor, refAnchor } from "../../templates/pdf/context.ts";
import { pdfText } from "./inspect.ts";

/** Room above the reference's line when a viewer jumps back to it (points). */
const ABOVE = 24;

/**
 * Returns `bytes` with every note's back-link pointing at its first reference
 * (unchanged when there are none), and the notes whose reference is not in the
 * PDF: their labels lose the link rather than point nowhere.
 */
export async function linkNotesBack(bytes: Uint8Array): Promise<{ bytes: Uint8Array; unlinked: string[] }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const references = new Map<string, { page: PDFRef; left: number; top: number }>();
  const backLinks: { action: PDFDict; id: string; annot: PDFDict; annots: PDFArray }[] = [];
  for (const page of pdf.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    for (let i = 0; annots && i < annots.size(); i++) {
      const annot = annots.lookup(i);
      if (!(annot instanceof PDFDict)) continue;
      const action = annot.lookupMaybe(PDFName.of("A"), PDFDict);
      const target = pdfText(action?.lookup(PDFName.of("D")));
      if (!action || !target) continue;
      if (target.startsWith(noteAnchor(""))) {
        const id = target.slice(noteAnchor("").length);
        const rect = annot.lookupMaybe(PDFName.of("Rect"), PDFArray);
        const [x1, , , y2] = rect ? rect.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0)) : [];
        if (!references.has(id) && x1 !== undefined && y2 !== undefined) references.set(id, { page: page.ref, left: x1, top: y2 });
      } else if (target.startsWith(refAnchor(""))) backLinks.push({ action, id: target.slice(refAnchor("").length), annot, annots });
    }
  }
  if (backLinks.length === 0) return { bytes, unlinked: [] };
  const unlinked: string[] = [];
  for (const { action, id, annot, annots } of backLinks) {
    const ref = references.get(id);
    if (ref) {
      action.set(PDFName.of("D"), pdf.context.obj([ref.page, PDFName.of("XYZ"), PDFNumber.of(0), PDFNumber.of(Math.round(ref.top + ABOVE)), PDFNull]));
      continue;
    }
    // No reference to go back to (pdf:unlinked-note): the label stays, its link goes.
    unlinked.push(id);
    const i = annots.asArray().findIndex((a) => a === annot || pdf.context.lookup(a) === annot);
    if (i >= 0) {
      const ref = annots.get(i);
      annots.remove(i);
      if (ref instanceof PDFRef) dropFromStructure(pdf, annot, ref);
    }
  }
  return { bytes: await pdf.save({ useObjectStreams: false }), unlinked };
}

/**
 * In a tagged PDF, takes a removed annotation out of the structure tree too:
 * the OBJR that its Link element holds (found through the annotation's
 * /StructParent in the parent tree) would point at an annotation on no page.
 */
export function dropFromStructure(pdf: PDFDocument, annot: PDFDict, ref: PDFRef): void {
  const key = annot.lookupMaybe(PDFName.of("StructParent"), PDFNumber)?.asNumber();
  const nums = pdf.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict)?.lookupMaybe(PDFName.of("ParentTree"), PDFDict)?.lookupMaybe(PDFName.of("Nums"), PDFArray);
  if (key === undefined || !nums) return;
  for (let i = 0; i + 1 < nums.size(); i += 2) {
    const n = nums.lookup(i);
    if (!(n instanceof PDFNumber) || n.asNumber() !== key) continue;
    const elem = nums.lookup(i + 1);
    const kids = elem instanceof PDFDict ? elem.lookup(PDFName.of("K")) : undefined;
    if (!(kids instanceof PDFArray)) return;
    for (let j = kids.size() - 1; j >= 0; j--) {
      const kid = kids.lookup(j);
      if (kid instanceof PDFDict && kid.lookup(PDFName.of("Type")) === PDFName.of("OBJR") && kid.get(PDFName.of("Obj")) === ref) kids.remove(j);
    }
    return;
  }
}

/**
 * Reads back from a rendered PDF where things landed: the page of every named
 * destination (headings, notes) and the pages that link to each note. The
 * templates use this between passes for the table of contents and for
 * footnotes at the foot of the page.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from "pdf-lib";

export interface PdfLayout {
  pages: number;
  /** 1-based page of each named destination. */
  destinations: Map<string, number>;
  /** Height above the page bottom (points) of each named destination that has one. */
  destinationY: Map<string, number>;
  /** Named destinations that internal links on each 1-based page point to, in the order of the annotations. */
  linksByPage: Map<number, string[]>;
  /** Internal links on each page that point at a place (page and height) rather than a name. */
  placeLinksByPage: Map<number, { page: number; y: number }[]>;
}

/** The text of a PDF string or name object. */
export function pdfText(o: PDFObject | undefined): string | undefined {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  if (o instanceof PDFName) return o.decodeText();
  return undefined;
}

/** Where destinations and internal links are in `bytes`. */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfLayout> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageIndex = new Map<string, number>();
  pdf.getPages().forEach((p, i) => pageIndex.set(p.ref.toString(), i + 1));

  const destinations = new Map<string, number>();
  const destinationY = new Map<string, number>();
  const names = pdf.catalog.lookupMaybe(PDFName.of("Names"), PDFDict)?.lookupMaybe(PDFName.of("Dests"), PDFDict);
  const walk = (node: PDFDict): void => {
    const arr = node.lookupMaybe(PDFName.of("Names"), PDFArray);
    if (arr) {
      for (let i = 0; i + 1 < arr.size(); i += 2) {
        const name = pdfText(arr.lookup(i));
        let dest = arr.lookup(i + 1);
        if (dest instanceof PDFDict) dest = dest.lookup(PDFName.of("D"));
        if (name && dest instanceof PDFArray) {
          const target = dest.get(0);
          const page = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
          if (page) destinations.set(name, page);
          const y = dest.lookup(3); // [page /XYZ left top zoom]
          if (y instanceof PDFNumber) destinationY.set(name, y.asNumber());
        }
      }
    }
    const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
    if (kids) for (let i = 0; i < kids.size(); i++) walk(kids.lookup(i, PDFDict));
  };
  if (names) walk(names);

  const linksByPage = new Map<number, string[]>();
  const placeLinksByPage = new Map<number, { page: number; y: number }[]>();
  pdf.getPages().forEach((p, i) => {
    const annots = p.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    if (!annots) return;
    const out: string[] = [];
    for (let j = 0; j < annots.size(); j++) {
      const a = annots.lookup(j);
      if (!(a instanceof PDFDict)) continue;
      const action = a.lookupMaybe(PDFName.of("A"), PDFDict);
      const d = pdfText(action?.lookup(PDFName.of("D"))) ?? pdfText(a.lookup(PDFName.of("Dest")));
      if (d) out.push(d);
      const place = action?.lookup(PDFName.of("D"));
      if (place instanceof PDFArray) {
        const target = place.get(0);
        const page = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
        const y = place.lookup(3);
        if (page && y instanceof PDFNumber) placeLinksByPage.set(i + 1, [...(placeLinksByPage.get(i + 1) ?? []), { page, y: y.asNumber() }]);
      }
    }
    if (out.length > 0) linksByPage.set(i + 1, out);
  });
  return { pages: pdf.getPageCount(), destinations, destinationY, linksByPage, placeLinksByPage };
}

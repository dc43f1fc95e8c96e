/**
 * Where things land, read from react-pdf's layout itself rather than from a
 * written PDF: the same PdfLayout that inspectPdf reads back from the file
 * (inspect.ts), for a layout pass whose result is only looked at. It follows
 * what @react-pdf/render does with the same layout:
 * - a named destination for every node with an `id`, on the page being
 *   written, at the height `page height − box.top` (the node's own box, as
 *   react-pdf hands it to pdfkit); names in the order of the PDF's name tree
 *   (pdfkit sorts them with localeCompare; a name set twice keeps the last);
 * - a link annotation for every Link node with a box, and for every run of
 *   text with a link that is drawn (it has glyphs, positions and a font),
 *   line by line, in the order the pages' nodes are drawn (a node before its
 *   children). Only links to a name (`#name`) are kept, as inspectPdf keeps
 *   only GoTo actions to a name.
 * test/pdf-layout-positions.test.ts holds the two readings to each other.
 */
import type { PdfLayout } from "./inspect.ts";

/** The parts of a react-pdf layout node read here. */
export interface LayoutNode {
  type?: string;
  box?: { top?: number; left?: number; width?: number; height?: number };
  props?: Record<string, unknown>;
  children?: LayoutNode[];
  lines?: { box?: unknown; runs?: { glyphs?: unknown; positions?: unknown; attributes?: { link?: unknown; font?: unknown[] } }[] }[];
}

const PAGE = "PAGE";
const TEXT = "TEXT";
const SVG = "SVG";
const LINK = "LINK";

/** The positions a written PDF of `root` (a layout from react-pdf's toLayout()) would hold. */
export function positionsOf(root: LayoutNode): PdfLayout {
  const destinations = new Map<string, number>();
  const destinationY = new Map<string, number>();
  const linksByPage = new Map<number, string[]>();
  let page = 0;
  let pageHeight = 0;

  const link = (target: unknown): void => {
    if (typeof target !== "string" || !/^#./s.test(target) || page === 0) return;
    linksByPage.set(page, [...(linksByPage.get(page) ?? []), target.slice(1)]);
  };

  const visit = (node: LayoutNode): void => {
    if (node.type === PAGE && node.box) {
      page++;
      pageHeight = node.box.height ?? 0;
    }
    const props = node.props ?? {};
    if (node.type === LINK && node.box) link(typeof props.src === "string" ? props.src : props.href);
    if (node.type === TEXT && node.box && node.lines) {
      for (const line of node.lines) {
        if (!line.box) continue;
        for (const run of line.runs ?? []) if (run.glyphs && run.positions && run.attributes?.font?.[0]) link(run.attributes.link);
      }
    }
    if (node.type !== TEXT && node.type !== SVG) for (const child of node.children ?? []) visit(child);
    if (node.box && "id" in props && page > 0) {
      const name = String(props.id);
      // (a name set again moves to where it was set last)
      destinations.set(name, page);
      // (as pdfkit writes a number: to six decimals)
      destinationY.set(name, Math.round((pageHeight - (node.box.top ?? 0)) * 1e6) / 1e6);
    }
  };
  for (const child of root.children ?? []) visit(child);

  const names = [...destinations.keys()].sort((a, b) => a.localeCompare(b));
  return {
    pages: page,
    destinations: new Map(names.map((n) => [n, destinations.get(n)!])),
    destinationY: new Map(names.map((n) => [n, destinationY.get(n)!])),
    linksByPage,
    placeLinksByPage: new Map(),
  };
}

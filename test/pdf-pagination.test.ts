// The totals round of react-pdf's paginator (patches/@react-pdf+layout*): a page layout that
// shows the number of pages makes the paginator go over the document twice, once without the
// total and once with it. The second round builds each page again around what landed on it in
// the first, and fills the pages afresh only where the total moves the flow region.
import { createElement as h, type ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { Document, Page, pdf, Text, View } from "@react-pdf/renderer";
import { FootnoteSettler } from "../pipeline/render-pdf/footnotes.ts";
import type { LayoutNode } from "../pipeline/render-pdf/layout-positions.ts";
import { layOut } from "../pipeline/render-pdf/render.ts";
import { notePlan } from "../templates/pdf/context.ts";
import { registerHouseFonts, SERIF } from "../templates/pdf/fonts.ts";
import { sampleDoc } from "./fixtures/pdf/sample.ts";

interface Node {
  type?: string;
  box?: { top: number; left: number; width: number; height: number };
  props?: Record<string, unknown>;
  children?: Node[];
}

const words = "De raad adviseert het kabinet om gemeenten ruimte te geven voor een plan per huishouden".split(" ");
const paragraph = (i: number) => Array.from({ length: 40 + ((i * 29) % 70) }, (_, k) => words[(k * 5 + i) % words.length]).join(" ");

/** Thirty paragraphs on pages whose head is `head(totalPages)` points high; each page's flow region and its content. */
async function pages(head: (total: number | undefined) => number): Promise<{ region: Node; content: Node[] }[]> {
  registerHouseFonts();
  const layout = ({ totalPages, pageNumber, children }: { totalPages?: number; pageNumber?: number; children?: ReactNode }) => [
    h(View, { key: "head", style: { height: head(totalPages) } }),
    h(View, { key: "flow", style: { flexGrow: 1 } }, children),
    h(Text, { key: "foot", style: { fontSize: 8 } }, `${pageNumber} / ${totalPages ?? ""}`),
  ];
  const doc = h(
    Document,
    {},
    h(Page, { size: "A5", style: { padding: 30, fontFamily: SERIF, fontSize: 10 }, experimentalPagination: true, layout } as never, ...Array.from({ length: 30 }, (_, i) => h(Text, { key: i, style: { marginBottom: 6 } }, paragraph(i)))),
  );
  const laid = (await (pdf(doc as never) as unknown as { toLayout(): Promise<Node> }).toLayout()) as Node;
  return (laid.children ?? []).map((page) => {
    const region = page.children![1]!;
    return { region, content: region.children ?? [] };
  });
}

describe("the totals round", () => {
  it("fills each page once: a settle sees the pages of the first round only, in order", async () => {
    registerHouseFonts();
    const doc = sampleDoc("en", "advice");
    const settler = new FootnoteSettler(notePlan(doc), 100);
    const seen: number[] = [];
    const settle = settler.settle;
    const spy = { notesOn: settler.notesOn, settle: (props: { pageNumber: number }, nodes: never[], height: number) => (seen.push(props.pageNumber), settle(props, nodes as LayoutNode[], height)) };
    const laid = await layOut(doc, { footnotes: spy });
    expect(seen.length).toBeGreaterThan(3);
    // (a second round that fills the pages again starts over at the first body page)
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);
    expect(laid.positions.pages).toBeGreaterThan(2);
  }, 60_000);

  // What lands on each page: its region's height and the heights of the content in it.
  const fill = (laid: { region: Node; content: Node[] }[]) => laid.map(({ region, content }) => [region.box!.height, ...content.map((c) => Math.round(c.box!.height * 100) / 100)]);

  it("fills the pages afresh where the total changes the flow region, as a head of that height from the start would", async () => {
    // a head 20 points high while the total is not known, 120 once it is
    const changing = await pages((total) => (total === undefined ? 20 : 120));
    const high = await pages(() => 120);
    expect(high.length).toBeGreaterThan(3);
    expect(fill(changing)).toEqual(fill(high));
  }, 60_000);
});

describe("a Text that shows the page of a destination (pageOf)", () => {
  it("shows the page the destination landed on, in the same layout, at its own width", async () => {
    registerHouseFonts();
    const layout = ({ children }: { children?: ReactNode }) => [h(View, { key: "flow", style: { flexGrow: 1 } }, children), h(View, { key: "foot", style: { height: 12 } })];
    const entry = h(View, { key: "entry", style: { flexDirection: "row" } }, h(Text, { style: { flex: 1 } }, "Het doel"), h(Text, { style: { width: 30, textAlign: "right" }, pageOf: "doel" } as never, "\u00a0"));
    const doc = h(
      Document,
      {},
      h(Page, { size: "A5", style: { padding: 30, fontFamily: SERIF, fontSize: 10 }, experimentalPagination: true, layout } as never, entry, ...Array.from({ length: 30 }, (_, i) => h(Text, { key: i, style: { marginBottom: 6 } }, paragraph(i))), h(View, { key: "doel", id: "doel" } as never, h(Text, {}, "Het doel"))),
    );
    const laid = (await (pdf(doc as never) as unknown as { toLayout(): Promise<Node> }).toLayout()) as Node;
    const pages = laid.children ?? [];
    const holds = (n: Node): boolean => n.props?.id === "doel" || (n.children ?? []).some(holds);
    const landed = pages.findIndex(holds) + 1;
    expect(landed).toBeGreaterThan(2);
    const shown = pages[0]!.children![0]!.children![0]!.children![1]!;
    expect(shown.children?.map((c) => (c as { value?: string }).value).join("")).toBe(String(landed));
    expect(shown.box?.width).toBe(30);
  }, 60_000);
});

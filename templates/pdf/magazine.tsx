/**
 * The magazine template. react-pdf has no columns, so a magazine is set in
 * three documents that renderMagazine (pipeline/render-pdf/magazine.ts)
 * imposes with pdf-lib:
 *   1. the article heads alone, each on a page as wide as the text block and
 *      as tall as the head, to learn their heights;
 *   2. the article bodies on column-sized pages, the first two columns of
 *      each article starting below the head's height;
 *   3. the A4 frame: cover, contents, and per article its pages with running
 *      head, the head across both columns, and "Page X of Y".
 * Each pair of column pages is then drawn onto its A4 frame page.
 */
import type { ReactElement } from "react";
import { Document, Page, Text, View } from "@react-pdf/renderer";
import type { Style } from "@react-pdf/types";
import type { Article, FlowBlock } from "../../pipeline/document/types.ts";
import { articleHead, bookmark, endNotes, flow, notesAfter } from "./blocks.tsx";
import type { RenderContext } from "./context.ts";
import { chrome, documentProps, housePageStyle, TitlePage, Toc } from "./house.tsx";
import { t } from "../../pipeline/i18n/ui.ts";
import { plainText } from "./inlines.tsx";
import { tag } from "./tags.ts";
import { houseStyles, type HouseStyles } from "./styles.ts";
import { A4, design } from "./tokens.ts";

const P = design.page;

/** Where the columns sit on an A4 page (PDF points, top-left origin). */
export const MAGAZINE = (() => {
  const textW = A4.width - P.marginInner - P.marginOuter;
  const colW = (textW - P.columnGap) / 2;
  const colTop = P.marginTop + 10;
  const colH = A4.height - colTop - P.marginBottom;
  return { textW, colW, colTop, colH, gap: P.columnGap, left: P.marginInner };
})();

/** Space between an article's head and its columns. */
export const HEAD_GAP = 12;

/** An article with the blocks that follow it up to the next article, or the blocks before the first article (set without a head). */
export interface MagazineUnit {
  article?: Article;
  blocks: FlowBlock[];
}

/**
 * Splits the magazine into units that each start on a new page: an article
 * and the blocks after it that belong to no article (a sidebar, a caption),
 * which continue in the article's columns rather than taking a page of their
 * own; blocks before the first article make a unit of their own.
 */
export function magazineUnits(children: readonly FlowBlock[]): MagazineUnit[] {
  const units: MagazineUnit[] = [];
  for (const b of children) {
    const last = units[units.length - 1];
    if (b.type === "article") units.push({ article: b, blocks: [...(b.children as FlowBlock[])] });
    else if (last) last.blocks.push(b);
    else units.push({ blocks: [b] });
  }
  return units;
}

export const unitAnchor = (i: number): string => `unit-${i}`;

/** Pass 1: every article head on a page of its own height. */
export function HeadsDocument({ ctx, units, date }: { ctx: RenderContext; units: MagazineUnit[]; date: Date }): ReactElement {
  const s = houseStyles(ctx.accent, "magazine");
  return (
    <Document {...documentProps(ctx, date)}>
      {units.map((u, i) => (
        <Page key={i} size={{ width: MAGAZINE.textW }}>
          {u.article ? articleHead(u.article, ctx, s, `h${i}`, false) : <View style={{ height: 1 }} />}
        </Page>
      ))}
    </Document>
  );
}

/**
 * The notes set after each unit: those referenced in it (each once, in the
 * first unit that refers to it) and those nothing refers to that belong with
 * it; notes that belong with no block go after the last unit.
 */
export function unitNotes(units: MagazineUnit[], ctx: RenderContext): string[][] {
  const placed = new Set<string>();
  return units.map((u, i) => {
    const ids = [...notesAfter(u.blocks, ctx, u.article), ...(i === units.length - 1 ? ctx.plan.homeless : [])].filter((id) => !placed.has(id));
    ids.forEach((id) => placed.add(id));
    return ids;
  });
}

/** Pass 2: article bodies on column pages; the first two columns leave room for the head. */
export function ColumnsDocument({ ctx, units, headHeights, date }: { ctx: RenderContext; units: MagazineUnit[]; headHeights: number[]; date: Date }): ReactElement {
  const s = houseStyles(ctx.accent, "magazine");
  const notes = ctx.noteMode === "end" ? unitNotes(units, ctx) : [];
  return (
    <Document {...documentProps(ctx, date, true)}>
      {units.map((u, i) => {
        const reserve = u.article ? (headHeights[i] ?? 0) + HEAD_GAP : 0;
        const layout = ({ subPageNumber, children }: { subPageNumber?: number; children?: React.ReactNode }) => [
          reserve > 0 && (subPageNumber ?? 1) <= 2 ? <View key="reserve" style={{ height: reserve }} /> : null,
          <View key="flow" style={{ flexGrow: 1 }}>
            {children}
          </View>,
        ];
        return (
          <Page key={i} size={{ width: MAGAZINE.colW, height: MAGAZINE.colH }} experimentalPagination layout={layout}>
            <View id={unitAnchor(i)} style={{ height: 0.01 }} />
            {flow(u.blocks, ctx, s, `u${i}`)}
            {endNotes(notes[i] ?? [], ctx, s, `u${i}.n`)}
          </Page>
        );
      })}
    </Document>
  );
}

/**
 * The running head of a column page: title, issue and "Pagina X van Y" on one
 * line, and no running foot. Text beside or below the columns (a folio in each
 * bottom corner) makes text extraction (poppler's reading order) widen a column
 * block across the gutter and read the columns out of order; one line above
 * everything is read first and disturbs nothing.
 */
function MagazineHead({ ctx, s, page, total, style }: { ctx: RenderContext; s: HouseStyles; page: number; total: number; style: Style }): ReactElement {
  const m = ctx.doc.meta;
  const issue = [t(ctx.lang, `kind.${m.kind}`), m.number].filter(Boolean).join(" \u00b7 ");
  return (
    <View style={{ ...s.runningHead, ...style }}>
      <Text style={{ ...s.runningHeadText, maxLines: 1 }}>
        {`${m.title}  \u00b7  ${issue}  \u00b7  `}
        <Text style={{ color: ctx.accent }}>{t(ctx.lang, "pageOf", { page, total })}</Text>
      </Text>
    </View>
  );
}

/** Pass 3: cover, contents and the A4 pages the columns are drawn onto. */
export function FrameDocument({ ctx, units, unitPages, front, date }: { ctx: RenderContext; units: MagazineUnit[]; unitPages: number[]; front: number; date: Date }): ReactElement {
  const s = houseStyles(ctx.accent, "magazine");
  const total = front + unitPages.reduce((a, b) => a + b, 0);
  let page = front;
  const pageStyle = housePageStyle();
  const chromeBox = { position: "absolute" as const, left: P.marginInner, right: P.marginOuter };
  return (
    <Document {...documentProps(ctx, date, true)}>
      <Page size="A4" style={{ ...pageStyle, paddingTop: P.marginTop + 40 }}>
        <TitlePage ctx={ctx} s={s} />
      </Page>
      <Page size="A4" style={pageStyle} experimentalPagination layout={chrome(ctx, s)}>
        <Toc ctx={ctx} s={s} />
      </Page>
      {units.flatMap((u, i) =>
        Array.from({ length: unitPages[i] ?? 0 }, (_, j) => {
          page += 1;
          const head = u.article && j === 0;
          const title = u.article ? plainText(u.article.title).trim() : undefined;
          return (
            <Page key={`${i}.${j}`} size="A4" style={{ position: "relative" }}>
              <MagazineHead ctx={ctx} s={s} page={page} total={total} style={{ ...chromeBox, top: P.marginTop - 22 }} />
              {head && u.article ? (
                <View style={{ position: "absolute", top: MAGAZINE.colTop, left: MAGAZINE.left, width: MAGAZINE.textW }} {...bookmark(title ?? "")} {...tag("Sect")}>
                  {articleHead(u.article, ctx, s, `f${i}`)}
                </View>
              ) : null}
            </Page>
          );
        }),
      )}
    </Document>
  );
}

/** Cover and contents, when the contents take `tocPages` pages. */
export function frontMatterPages(tocPages = 1): number {
  return 1 + tocPages;
}

/** Contents page numbers: each article's first A4 page; a heading outside the articles gets its unit's first page. */
export function tocHeadingPages(units: MagazineUnit[], unitPages: number[], front: number): Map<string, number> {
  const pages = new Map<string, number>();
  let page = front + 1;
  units.forEach((u, i) => {
    if (u.article) pages.set(u.article.id, page);
    for (const b of u.blocks) if (b.type === "heading" && !u.article?.children.includes(b)) pages.set(b.id, page);
    page += unitPages[i] ?? 0;
  });
  return pages;
}

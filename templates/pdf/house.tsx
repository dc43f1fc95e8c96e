/**
 * The house template: renders any RenderableDocument. The per-kind templates
 * (templates/pdf/kinds.ts) choose its options: title page, table of contents,
 * where notes go.
 */
import type { ReactElement, ReactNode } from "react";
import { Document, Link, Page, Text, View } from "@react-pdf/renderer";
import type { FlowBlock, MinutesMeta } from "../../pipeline/document/types.ts";
import { t } from "../../pipeline/i18n/ui.ts";
import { displayDate } from "./dates.ts";
import { endNotes, flow, headingTitle, noteRow, notesAfter, notesIn } from "./blocks.tsx";
import { headingAnchor, noteAnchor, type RenderContext } from "./context.ts";
import { plainText } from "./inlines.tsx";
import { houseStyles, LINE, type HouseStyles } from "./styles.ts";
import { tag } from "./tags.ts";
import { design } from "./tokens.ts";
import type { Style } from "@react-pdf/types";

export interface HouseOptions {
  /** A separate title page (advice, report, magazine) rather than a title block above the text. */
  titlePage: boolean;
  /** A table of contents after the title page. */
  toc: boolean;
  /** Fixed creation date, so two renders give the same bytes. */
  date: Date;
}

const P = design.page;

/** The PDF's metadata keywords: kind, language, number, slug. */
export function keywords(ctx: RenderContext): string {
  const m = ctx.doc.meta;
  return [t(ctx.lang, `kind.${m.kind}`), t(ctx.lang, "language"), m.number, m.slug, m.publisher].filter(Boolean).join(", ");
}

/** The whole document element for react-pdf. */
export function HouseDocument({ ctx, opts }: { ctx: RenderContext; opts: HouseOptions }): ReactElement {
  const s = houseStyles(ctx.accent, ctx.kind);
  const m = ctx.doc.meta;
  const pageStyle = housePageStyle();
  return (
    <Document {...documentProps(ctx, opts.date, true)}>
      {opts.titlePage ? (
        <Page size={P.size as "A4"} style={{ ...pageStyle, paddingTop: P.marginTop + 40 }}>
          <TitlePage ctx={ctx} s={s} />
        </Page>
      ) : null}
      {opts.toc ? (
        <Page size={P.size as "A4"} style={pageStyle} experimentalPagination layout={chrome(ctx, s)}>
          <Toc ctx={ctx} s={s} />
        </Page>
      ) : null}
      <Page size={P.size as "A4"} style={pageStyle} experimentalPagination layout={chrome(ctx, s, !opts.titlePage)} {...settling(ctx)}>
        {opts.titlePage ? null : <TitleBlock ctx={ctx} s={s} />}
        {m.minutes ? <MinutesHeader meta={m.minutes} ctx={ctx} s={s} /> : null}
        {body(ctx, s)}
      </Page>
    </Document>
  );
}

/** Page padding of the house pages: the running head sits in the top margin. */
export function housePageStyle(): Style {
  return { paddingTop: P.marginTop - 22, paddingBottom: P.marginBottom - 24, paddingLeft: P.marginInner, paddingRight: P.marginOuter, color: design.colours.ink };
}

/**
 * Document metadata: title, author, subject, keywords, language, fixed dates,
 * outline shown on opening; with `tagged`, a tagged PDF that claims PDF/UA-1
 * (structure tree, /MarkInfo, the pdfuaid part in the XMP metadata).
 */
export function documentProps(ctx: RenderContext, date: Date, tagged = false) {
  const m = ctx.doc.meta;
  return {
    // react-pdf's typings list only the PDF/A parts; the patched renderer also takes "PDF/UA".
    // Links to notes are tagged as references (Reference around the Link).
    ...(tagged ? { conformance: "PDF/UA" as "PDF/A-2", referencePrefix: `#${noteAnchor("")}` } : {}),
    title: m.title,
    author: m.author ?? m.publisher,
    subject: [t(ctx.lang, `kind.${m.kind}`), m.subtitle].filter(Boolean).join(": "),
    keywords: keywords(ctx),
    creator: m.publisher,
    producer: "Tweeluik",
    language: ctx.lang === "nl" ? "nl-NL" : "en-GB",
    creationDate: date,
    modificationDate: date,
    pageMode: "useOutlines" as const,
  };
}

/** The running head: the publication's title and its kind and number. */
export function RunningHead({ ctx, s, style }: { ctx: RenderContext; s: HouseStyles; style?: Style }): ReactElement {
  const m = ctx.doc.meta;
  const right = [t(ctx.lang, `kind.${m.kind}`), m.number].filter(Boolean).join(" \u00b7 ");
  return (
    <View style={{ ...s.runningHead, ...style }}>
      <Text style={{ ...s.runningHeadText, maxWidth: "70%", maxLines: 1, textOverflow: "ellipsis" }}>{m.title}</Text>
      <Text style={s.runningHeadText}>{right}</Text>
    </View>
  );
}

/** The running foot: the date and "Pagina X van Y" / "Page X of Y". */
export function RunningFoot({ ctx, s, page, total, style }: { ctx: RenderContext; s: HouseStyles; page: number; total: number; style?: Style }): ReactElement {
  return (
    <View style={{ ...s.runningFoot, ...style }}>
      <Text style={s.runningHeadText}>{displayDate(ctx.lang, ctx.doc.meta.date)}</Text>
      <Text style={s.runningHeadText}>{t(ctx.lang, "pageOf", { page, total })}</Text>
    </View>
  );
}

/** The body page's `settle` where its notes are placed as its pages are filled (pipeline/render-pdf/footnotes.ts). */
function settling(ctx: RenderContext): { settle?: NonNullable<RenderContext["footnotes"]["settle"]> } {
  return ctx.noteMode === "foot" && ctx.footnotes.settle ? { settle: ctx.footnotes.settle } : {};
}

/** Running head, flow region and running foot around every body page; footnotes of the page when notes go at the foot. */
export function chrome(ctx: RenderContext, s: HouseStyles, titleOnFirstPage = false) {
  return ({ pageNumber, totalPages, replay, children }: { pageNumber?: number; totalPages?: number; replay?: boolean; children?: ReactNode }): ReactNode => {
    const notes = ctx.noteMode === "foot" ? ctx.footnotes.notesOn(pageNumber ?? 0, replay) : [];
    return [
      // The first page carries the title block; a running head above it would repeat it.
      titleOnFirstPage && pageNumber === 1 ? <View key="head" style={{ height: 22 }} /> : <RunningHead key="head" ctx={ctx} s={s} />,
      <View key="flow" style={{ flexGrow: 1 }}>
        {children}
      </View>,
      notes.length > 0 ? (
        <View key="notes" style={s.footnotes}>
          <View style={s.footnoteRule} />
          {notes.map((id) => noteRow(id, ctx, s, `fn.${id}`))}
        </View>
      ) : null,
      <RunningFoot key="foot" ctx={ctx} s={s} page={pageNumber ?? 0} total={totalPages ?? 0} />,
    ].filter(Boolean);
  };
}

/** "27 januari" stays on one line in display type. */
function keepNumbersWithWords(s: string): string {
  return s.replace(/(\d)\s+(?=\p{L})/gu, "$1\u00a0");
}

function metaLine(ctx: RenderContext): string {
  const m = ctx.doc.meta;
  return [displayDate(ctx.lang, m.date), m.number].filter(Boolean).join("  \u00b7  ");
}

function TitleBlock({ ctx, s }: { ctx: RenderContext; s: HouseStyles }): ReactElement {
  const m = ctx.doc.meta;
  return (
    <View style={{ marginBottom: LINE * 1.5 }} {...{ bookmark: { title: m.title, fit: true } }} {...tag("Div")}>
      <Text style={s.titleKind} {...tag("P")}>{t(ctx.lang, `kind.${m.kind}`)}</Text>
      <Text style={{ ...s.title, fontSize: design.type.titleSize * 0.8 }} hyphenationCallback={(w) => [w]} {...tag("P")}>
        {keepNumbersWithWords(m.title)}
      </Text>
      {m.subtitle ? <Text style={s.subtitle} {...tag("P")}>{m.subtitle}</Text> : null}
      <Text style={s.titleMeta} {...tag("P")}>{metaLine(ctx)}</Text>
      <Text style={s.titleMetaMuted} {...tag("P")}>{t(ctx.lang, "publishedBy", { publisher: m.publisher })}</Text>
    </View>
  );
}

export function TitlePage({ ctx, s }: { ctx: RenderContext; s: HouseStyles }): ReactElement {
  const m = ctx.doc.meta;
  return (
    <View style={{ flexGrow: 1, justifyContent: "space-between" }} {...{ bookmark: { title: m.title, fit: true } }} {...tag("Div")}>
      <View>
        <View style={{ width: 56, height: 6, backgroundColor: ctx.accent, marginBottom: 18 }} />
        <Text style={s.titleKind} {...tag("P")}>{t(ctx.lang, `kind.${m.kind}`)}</Text>
        <Text style={s.title} hyphenationCallback={(w) => [w]} {...tag("P")}>
          {keepNumbersWithWords(m.title)}
        </Text>
        {m.subtitle ? <Text style={s.subtitle} {...tag("P")}>{m.subtitle}</Text> : null}
      </View>
      <View style={{ borderTopWidth: 0.5, borderTopColor: design.colours.rule, paddingTop: 10 }}>
        <Text style={s.titleMeta} {...tag("P")}>{metaLine(ctx)}</Text>
        {m.dateNote ? <Text style={s.titleMetaMuted} {...tag("P")}>{m.dateNote}</Text> : null}
        <Text style={s.titleMetaMuted} {...tag("P")}>{t(ctx.lang, "publishedBy", { publisher: m.publisher })}</Text>
      </View>
    </View>
  );
}

function MinutesHeader({ meta, ctx, s }: { meta: MinutesMeta; ctx: RenderContext; s: HouseStyles }): ReactElement {
  const rows: [string, string | undefined][] = [
    ["meeting", meta.meeting],
    ["number", meta.meetingNumber],
    ["datetime", meta.datetime],
    ["place", meta.place],
    ["present", meta.present?.join(", ")],
    ["guests", meta.guests?.join(", ")],
    ["rapporteurs", meta.rapporteurs?.join(", ")],
    ["secretariat", meta.secretariat?.join(", ")],
  ];
  return (
    <View style={s.metaTable} {...tag("Table")}>
      {rows
        .filter((r): r is [string, string] => !!r[1] && r[1].trim() !== "")
        .map(([key, value]) => (
          <View key={key} style={s.metaRow} wrap={false} {...tag("TR")}>
            <Text style={s.metaLabel} {...tag("TH", { scope: "Row" })}>{t(ctx.lang, `minutes.${key}`)}</Text>
            {/* Names are not hyphenated. */}
            <Text style={s.metaValue} hyphenationCallback={(w) => [w]} {...tag("TD")}>
              {value}
            </Text>
          </View>
        ))}
    </View>
  );
}

/** Entries of the table of contents: chapters, sections and magazine articles. */
export function tocEntries(blocks: readonly FlowBlock[]): { id: string; level: 1 | 2; title: string }[] {
  const out: { id: string; level: 1 | 2; title: string }[] = [];
  const hasH1 = blocks.some((b) => b.type === "heading" && b.depth === 1);
  for (const b of blocks) {
    if (b.type === "heading" && b.depth <= 2) out.push({ id: b.id, level: hasH1 ? b.depth as 1 | 2 : 1, title: headingTitle(b) });
    if (b.type === "article") out.push({ id: b.id, level: 1, title: plainText(b.title).trim() });
  }
  // A heading with no text has no entry (render:empty-heading).
  return out.filter((e) => e.title !== "");
}

export function Toc({ ctx, s }: { ctx: RenderContext; s: HouseStyles }): ReactElement {
  return (
    <View {...{ bookmark: { title: t(ctx.lang, "contents"), fit: true } }} {...tag("Div")}>
      <Text style={s.tocTitle} {...tag("P")}>{t(ctx.lang, "contents")}</Text>
      <View {...tag("TOC")}>
      {tocEntries(ctx.doc.children).map((e) => (
        <Link key={e.id} src={`#${headingAnchor(e.id)}`} style={{ textDecoration: "none" }} {...tag("TOCI")}>
          <View style={{ ...s.tocRow, marginTop: e.level === 1 ? 4 : 0 }} wrap={false}>
            <Text style={e.level === 1 ? s.tocText1 : s.tocText2}>{e.title}</Text>
            {/* A fixed-width number column one line high: the contents take as much room with their numbers as without. */}
            <Text style={s.tocPage} {...pageOf(ctx, e.id)}>
              {tocPage(ctx, e.id)}
            </Text>
          </View>
        </Link>
      ))}
      </View>
    </View>
  );
}

/**
 * What a contents entry shows before the pages are known: the page its
 * heading landed on in the pass before, or a no-break space (one line high,
 * like a number). Where the headings are in the same layout as the contents,
 * the paginator sets the page they landed on in its place (pageOf,
 * patches/@react-pdf+layout*).
 */
function tocPage(ctx: RenderContext, id: string): string {
  const page = ctx.headingPages.get(id);
  return page !== undefined ? String(page) : ctx.contentsInLayout ? "\u00a0" : "";
}

/** The paginator sets the page the heading landed on in the entry (see tocPage). */
function pageOf(ctx: RenderContext, id: string): { pageOf?: string } {
  return ctx.contentsInLayout ? { pageOf: headingAnchor(id) } : {};
}

/** The text, chapter by chapter, with end notes after each chapter when notes do not go at the foot. */
function body(ctx: RenderContext, s: HouseStyles): ReactNode[] {
  const chapters: FlowBlock[][] = [[]];
  for (const b of ctx.doc.children) {
    if (b.type === "heading" && b.depth === 1 && chapters[chapters.length - 1]!.length > 0) chapters.push([]);
    chapters[chapters.length - 1]!.push(b);
  }
  const placed = new Set<string>();
  const out: ReactNode[] = [];
  chapters.forEach((chunk, i) => {
    out.push(...flow(chunk, ctx, s, `c${i}`));
    if (ctx.noteMode !== "end") return;
    // Article notes are set by the article itself.
    const articles = chunk.filter((b) => b.type === "article");
    for (const id of notesIn(articles)) placed.add(id);
    const own = notesAfter(chunk.filter((b) => b.type !== "article"), ctx).filter((id) => !placed.has(id));
    own.forEach((id) => placed.add(id));
    out.push(endNotes(own, ctx, s, `c${i}.n`));
  });
  // Notes that nothing refers to and no block comes before still belong to the document.
  if (ctx.plan.homeless.length > 0) out.push(endNotes(ctx.plan.homeless, ctx, s, "orphan-notes"));
  return out;
}

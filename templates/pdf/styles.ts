/**
 * The house type styles: sizes, leading and spacing derived from
 * templates/design.json. lineHeight sits on Text styles, never on Page
 * (a Page lineHeight with fixed page chrome crashes react-pdf on long documents).
 */
import type { Style } from "@react-pdf/types";
import type { Kind } from "../../pipeline/document/types.ts";
import { sans, serif } from "./fonts.ts";
import { design } from "./tokens.ts";

const T = design.type;
const C = design.colours;
/** The baseline unit: one line of body text. */
export const LINE = T.bodySize * T.bodyLeading;

/** The rule above the notes at the foot of a page, with the space below it. */
const FOOTNOTE_RULE_HEIGHT = 4.5;

/** Styles for one render; the accent colour depends on the document's kind. */
export function houseStyles(accent: string, kind?: Kind) {
  const body: Style = { fontFamily: serif(), fontSize: T.bodySize, lineHeight: T.bodyLeading, color: C.ink };
  const s = {
    body,
    paragraph: { ...body, textAlign: "justify", marginBottom: LINE * 0.5 } as Style,
    paragraphFollow: { ...body, textAlign: "justify", marginBottom: LINE * 0.5 } as Style,
    h1: { fontFamily: sans(), fontWeight: 700, fontSize: T.h1Size, lineHeight: 1.18, color: accent, marginTop: LINE * 0.5, marginBottom: LINE * 0.75 } as Style,
    h2: { fontFamily: sans(), fontWeight: 700, fontSize: T.h2Size, lineHeight: 1.22, color: C.accentDark, marginTop: LINE * 0.9, marginBottom: LINE * 0.4 } as Style,
    h3: { fontFamily: sans(), fontWeight: 600, fontSize: T.h3Size, lineHeight: 1.3, color: C.ink, marginTop: LINE * 0.6, marginBottom: LINE * 0.2 } as Style,
    headingNumber: { color: accent } as Style,
    listItemRow: { flexDirection: "row", marginBottom: LINE * 0.25 } as Style,
    listMarker: { ...body, width: 20, textAlign: "left", color: accent } as Style,
    listBody: { flex: 1 } as Style,
    list: { marginBottom: LINE * 0.5, marginLeft: 2 } as Style,
    box: { backgroundColor: C.tint, borderLeftWidth: 3, borderLeftColor: accent, paddingVertical: LINE * 0.6, paddingHorizontal: 12, marginTop: LINE * 0.3, marginBottom: LINE * 0.8 } as Style,
    boxTitle: { fontFamily: sans(), fontWeight: 700, fontSize: T.h3Size, lineHeight: 1.3, color: C.accentDark, marginBottom: LINE * 0.3 } as Style,
    /** Space between paragraphs in a box, and the first-line indent of the ones after the first. */
    boxParagraphGap: LINE * 0.4,
    boxParagraphIndent: 0,
    boxText: { fontFamily: sans(), fontSize: T.bodySize - 0.5, lineHeight: 1.4, color: C.ink, textAlign: "justify" } as Style,
    pullQuote: { fontFamily: serif(), fontStyle: "italic", fontSize: T.h2Size, lineHeight: 1.3, color: accent, textAlign: "left" } as Style,
    pullQuoteWrap: { borderTopWidth: 1.5, borderBottomWidth: 1.5, borderColor: accent, paddingVertical: LINE * 0.5, marginVertical: LINE * 0.8, marginHorizontal: 8 } as Style,
    blockQuote: { ...body, fontStyle: "italic", textAlign: "justify" } as Style,
    blockQuoteWrap: { marginLeft: 18, marginRight: 12, marginBottom: LINE * 0.5, paddingLeft: 8, borderLeftWidth: 1, borderLeftColor: C.rule } as Style,
    caption: { fontFamily: sans(), fontSize: T.smallSize, lineHeight: 1.35, color: C.muted, marginBottom: LINE * 0.6, fontStyle: "italic" } as Style,
    kicker: { fontFamily: sans(), fontWeight: 700, fontSize: T.smallSize + 0.5, letterSpacing: 1, textTransform: "uppercase", color: accent, marginBottom: 4 } as Style,
    articleTitle: { fontFamily: sans(), fontWeight: 700, fontSize: T.h1Size + 2, lineHeight: 1.15, color: C.ink, marginBottom: LINE * 0.5 } as Style,
    lead: { fontFamily: serif(), fontWeight: 600, fontSize: T.bodySize + 1.5, lineHeight: 1.4, color: C.ink, marginBottom: LINE * 0.5 } as Style,
    byline: { fontFamily: sans(), fontSize: T.smallSize, lineHeight: 1.3, color: C.muted, marginBottom: LINE * 0.9 } as Style,
    articleHead: { borderTopWidth: 3, borderTopColor: accent, paddingTop: 8, marginBottom: 4 } as Style,
    notesHeading: { fontFamily: sans(), fontWeight: 700, fontSize: T.smallSize + 1, lineHeight: 1.3, color: C.muted, textTransform: "uppercase", letterSpacing: 0.8, marginTop: LINE, marginBottom: 4 } as Style,
    notesBlock: { borderTopWidth: 0.5, borderTopColor: C.rule, paddingTop: 4 } as Style,
    footnotes: { marginTop: LINE * 0.5 } as Style,
    footnoteRule: { width: 110, borderTopWidth: 0.5, borderTopColor: C.rule, marginBottom: FOOTNOTE_RULE_HEIGHT - 0.5 } as Style,
    noteRow: { flexDirection: "row", marginBottom: 2 } as Style,
    noteLabel: { fontFamily: sans(), fontSize: T.noteSize, lineHeight: 1.35, width: 16, color: accent } as Style,
    noteText: { fontFamily: serif(), fontSize: T.noteSize, lineHeight: 1.35, color: C.ink, flex: 1 } as Style,
    // Superior figures from the font (OpenType sups): react-pdf's verticalAlign "super" lowers rather than raises the text.
    noteRef: { fontFamily: sans(), fontWeight: 600, fontFeatureSettings: ["sups"], color: accent, textDecoration: "none" } as Style,
    link: { color: C.accentDark, textDecoration: "none" } as Style,
    untranslated: { backgroundColor: C.untranslated } as Style,
    untranslatedMark: { fontFamily: sans(), fontWeight: 700, fontSize: T.bodySize * 0.7, letterSpacing: 0.4, color: C.muted, backgroundColor: C.untranslated } as Style,
    // page chrome
    runningHead: { flexDirection: "row", justifyContent: "space-between", borderBottomWidth: 0.5, borderBottomColor: C.rule, paddingBottom: 4, marginBottom: LINE } as Style,
    runningHeadText: { fontFamily: sans(), fontSize: T.smallSize - 0.5, lineHeight: 1.2, color: C.muted } as Style,
    runningFoot: { flexDirection: "row", justifyContent: "space-between", marginTop: LINE * 0.8 } as Style,
    // title block
    titleKind: { fontFamily: sans(), fontWeight: 700, fontSize: T.smallSize + 1, letterSpacing: 1.2, textTransform: "uppercase", color: accent, marginBottom: 8 } as Style,
    title: { fontFamily: sans(), fontWeight: 700, fontSize: T.titleSize, lineHeight: 1.12, color: C.ink, marginBottom: 10 } as Style,
    subtitle: { fontFamily: serif(), fontSize: T.h2Size, lineHeight: 1.3, color: C.muted, marginBottom: 12 } as Style,
    titleMeta: { fontFamily: sans(), fontSize: T.bodySize, lineHeight: 1.45, color: C.ink } as Style,
    titleMetaMuted: { fontFamily: sans(), fontSize: T.bodySize - 1, lineHeight: 1.45, color: C.muted } as Style,
    // minutes metadata
    metaTable: { borderTopWidth: 2, borderTopColor: accent, borderBottomWidth: 0.5, borderBottomColor: C.rule, paddingVertical: 8, marginBottom: LINE * 1.2 } as Style,
    metaRow: { flexDirection: "row", marginBottom: 3 } as Style,
    metaLabel: { fontFamily: sans(), fontWeight: 600, fontSize: T.smallSize + 0.5, lineHeight: 1.4, color: C.accentDark, width: 110 } as Style,
    metaValue: { fontFamily: sans(), fontSize: T.smallSize + 0.5, lineHeight: 1.4, color: C.ink, flex: 1 } as Style,
    // table of contents
    tocTitle: { fontFamily: sans(), fontWeight: 700, fontSize: T.h1Size, lineHeight: 1.2, color: accent, marginBottom: LINE } as Style,
    tocRow: { flexDirection: "row", alignItems: "flex-end", marginBottom: 4 } as Style,
    tocText1: { fontFamily: sans(), fontWeight: 600, fontSize: T.bodySize, lineHeight: 1.35, color: C.ink, flex: 1 } as Style,
    tocText2: { fontFamily: sans(), fontSize: T.bodySize - 0.5, lineHeight: 1.35, color: C.ink, flex: 1, paddingLeft: 18 } as Style,
    tocPage: { fontFamily: sans(), fontSize: T.bodySize - 0.5, lineHeight: 1.35, color: C.muted, width: 30, textAlign: "right" } as Style,
  };
  if (kind === "minutes") {
    // Agenda items, not chapters: a quieter heading, and sections as run-in style subheads.
    s.h1 = { ...s.h1, fontSize: T.h2Size + 1, lineHeight: 1.25, marginTop: LINE * 1.1, marginBottom: LINE * 0.35 };
    s.h2 = { ...s.h2, fontSize: T.h3Size, color: C.ink, marginTop: LINE * 0.6, marginBottom: LINE * 0.15 };
  }
  if (kind === "magazine") {
    // Narrow columns: smaller type, paragraphs marked by an indent rather than space.
    const size = T.bodySize - 1;
    s.paragraph = { ...s.paragraph, fontSize: size, lineHeight: 1.4, marginBottom: 0, textIndent: 10 };
    s.blockQuote = { ...s.blockQuote, fontSize: size, lineHeight: 1.4 };
    s.listMarker = { ...s.listMarker, fontSize: size, lineHeight: 1.4, width: 12 };
    s.list = { ...s.list, marginTop: 4, marginBottom: 6 };
    s.h1 = { ...s.h1, fontSize: T.h2Size, lineHeight: 1.2, marginTop: LINE * 0.8, marginBottom: LINE * 0.3 };
    // Column subheads at text size, bold, with space above and none below: set this way, text
    // extraction (poppler) reads a subhead as the first line of its text block, so it cannot be
    // taken for a line of its own beside a gap in the other column and read out of order.
    s.h2 = { ...s.h2, fontSize: size, lineHeight: 1.4, color: accent, marginTop: LINE * 0.9, marginBottom: 0 };
    s.h3 = { ...s.h3, fontSize: size, lineHeight: 1.4, marginTop: LINE * 0.5, marginBottom: 0 };
    s.pullQuote = { ...s.pullQuote, fontSize: T.h3Size + 1.5 };
    s.pullQuoteWrap = { ...s.pullQuoteWrap, marginHorizontal: 0 };
    s.box = { ...s.box, paddingHorizontal: 8 };
    // Box title and paragraphs at one size and without space between them: one text block.
    s.boxText = { ...s.boxText, fontSize: size, lineHeight: 1.4 };
    s.boxTitle = { ...s.boxTitle, fontSize: size, lineHeight: 1.4, marginBottom: 0 };
    s.boxParagraphGap = 0;
    s.boxParagraphIndent = 8;
  }
  return s;
}

export type HouseStyles = ReturnType<typeof houseStyles>;

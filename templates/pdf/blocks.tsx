/**
 * Block nodes → react-pdf elements: one handler per node type, an exhaustive
 * switch, and sections (a heading and what follows it up to the next heading
 * of the same or a higher rank) wrapped in Views carrying the outline entry,
 * so the PDF bookmarks nest as the document does.
 */
import type { ReactNode } from "react";
import { Link, Text, View } from "@react-pdf/renderer";
import type { Article, Block, Box, FlowBlock, Heading, Inline, List, ListItem } from "../../pipeline/document/types.ts";
import type { Style } from "@react-pdf/types";
import { isEmptyHeading } from "../../pipeline/document/structure.ts";
import { headingText, inlinesOf, speakerAt } from "../../pipeline/document/text.ts";
import { headingAnchor, inSourceOrder, noteAnchor, noteHome, refAnchor, type RenderContext } from "./context.ts";
import { anyText, inlines, noteRefIds, plainText } from "./inlines.tsx";
import { LINE, type HouseStyles } from "./styles.ts";
import { design, TEXT_BLOCK_HEIGHT } from "./tokens.ts";
import { hyphenator } from "./hyphenate.ts";
import { headingLevels, noteStructId, tag } from "./tags.ts";

/** react-pdf accepts `bookmark` on any node, its typings only on Page. */
export function bookmark(title: string): Record<string, unknown> {
  return { bookmark: { title, fit: true, expanded: false } };
}

/** A heading's text with its printed number. */
export function headingTitle(h: Heading): string {
  const text = plainText(headingText(h)).trim();
  return h.number ? `${h.number} ${text}` : text;
}


/** Notes referenced by blocks, in reading order, each once. */
export function notesIn(blocks: readonly Block[], out: string[] = []): string[] {
  const add = (ins: readonly Inline[] | undefined): void => {
    if (!ins) return;
    for (const id of noteRefIds(ins)) if (!out.includes(id)) out.push(id);
  };
  for (const b of blocks) {
    switch (b.type) {
      case "heading":
      case "paragraph":
      case "quote":
      case "caption":
        add(b.children);
        break;
      case "list":
      case "listItem":
        notesIn(b.children, out);
        break;
      case "box":
        add(b.title);
        notesIn(b.children, out);
        break;
      case "article":
        add(b.kicker);
        add(b.title);
        add(b.lead);
        add(b.byline);
        notesIn(b.children, out);
        break;
    }
  }
  return out;
}

/**
 * The notes set after `blocks` when notes go after each chapter or article:
 * those referenced in them that exist, and those nothing refers to that
 * belong with one of them (or with `home`, the article the blocks are in),
 * in order.
 */
export function notesAfter(blocks: readonly Block[], ctx: RenderContext, home?: Block): string[] {
  const strays = [...(home ? [home] : []), ...blocks].flatMap((b) => ctx.plan.homes.get(b) ?? []);
  // An article's head (kicker, title, lead, byline) can refer to notes too.
  const head = home?.type === "article" ? notesIn([{ ...home, children: [] }]) : [];
  return inSourceOrder(notesIn(blocks, head).filter((id) => ctx.notes.has(id)), strays, ctx.plan.lines);
}

/**
 * With notes at the foot of the page: an empty marker after a block that a
 * note nothing refers to belongs with, so the layout passes learn the page
 * to set it on (pipeline/render-pdf/render.ts).
 */
export function homeMarkers(b: Block, ctx: RenderContext, key: string): ReactNode[] {
  if (ctx.noteMode !== "foot") return [];
  return (ctx.plan.homes.get(b) ?? []).map((id) => <View key={`${key}.home.${id}`} id={noteHome(id)} style={{ height: 0.01 }} />);
}

interface Section {
  heading?: Heading;
  body: FlowBlock[];
  sub: Section[];
}

/** Groups flow blocks into nested sections by heading depth. */
function sections(blocks: readonly FlowBlock[]): Section {
  const root: Section = { body: [], sub: [] };
  const stack: { depth: number; sec: Section }[] = [{ depth: 0, sec: root }];
  for (const b of blocks) {
    if (b.type === "heading") {
      while (stack.length > 1 && stack[stack.length - 1]!.depth >= b.depth) stack.pop();
      const sec: Section = { heading: b, body: [], sub: [] };
      stack[stack.length - 1]!.sec.sub.push(sec);
      stack.push({ depth: b.depth, sec });
    } else {
      const top = stack[stack.length - 1]!.sec;
      // Text after a subsection belongs to that subsection; keep reading order.
      if (top.sub.length === 0) top.body.push(b);
      else top.sub.push({ body: [b], sub: [] });
    }
  }
  return root;
}

/** Renders flow blocks, nesting sections for the outline. */
export function flow(blocks: readonly FlowBlock[], ctx: RenderContext, s: HouseStyles, key = "b"): ReactNode[] {
  return renderSection(sections(blocks), ctx, s, key);
}

function renderSection(sec: Section, ctx: RenderContext, s: HouseStyles, key: string): ReactNode[] {
  const body = [...sec.body.flatMap((b, i) => [block(b, ctx, s, `${key}.${i}`), ...homeMarkers(b, ctx, `${key}.${i}`)]), ...sec.sub.flatMap((sub, i) => {
    const inner = renderSection(sub, ctx, s, `${key}.s${i}`);
    // A heading with no text has no outline entry.
    const title = sub.heading ? headingTitle(sub.heading) : "";
    return sub.heading ? [<View key={`${key}.s${i}`} {...(title ? bookmark(title) : {})} {...tag("Sect")}>{inner}</View>] : inner;
  })];
  if (!sec.heading) return body;
  return [heading(sec.heading, ctx, s, `${key}.h`), ...homeMarkers(sec.heading, ctx, `${key}.h`), ...body];
}

export function heading(h: Heading, ctx: RenderContext, s: HouseStyles, key: string): ReactNode {
  if (isEmptyHeading(h)) {
    // No text to set (render:empty-heading): keep the anchor, and a note reference it may hold.
    const refs = noteRefIds(h.children).length > 0;
    return (
      <View key={key} id={headingAnchor(h.id)}>
        {refs ? <Text style={s.paragraph}>{inlines(h.children, ctx, s, key)}</Text> : null}
      </View>
    );
  }
  const style = h.depth === 1 ? s.h1 : h.depth === 2 ? s.h2 : s.h3;
  const role = `H${headingLevels(ctx.doc.children).get(h.id) ?? h.depth}` as const;
  const text = (
    <Text style={h.number ? { ...style, marginTop: 0, marginBottom: 0, flex: 1 } : style} hyphenationCallback={(w) => [w]}>
      {inlines(headingText(h), ctx, s, key)}
    </Text>
  );
  if (!h.number) {
    return (
      <View key={key} id={headingAnchor(h.id)} minPresenceAhead={LINE * 3} wrap={false} {...tag(role)}>
        {text}
      </View>
    );
  }
  // The number hangs in its own column, so wrapped heading lines align with the text.
  return (
    <View key={key} id={headingAnchor(h.id)} style={{ flexDirection: "row", marginTop: style.marginTop, marginBottom: style.marginBottom }} minPresenceAhead={LINE * 3} wrap={false} {...tag(role)}>
      <Text style={{ ...style, ...s.headingNumber, marginTop: 0, marginBottom: 0, width: numberWidth(h) }}>{h.number}</Text>
      {text}
    </View>
  );
}

function numberWidth(h: Heading): number {
  const size = h.depth === 1 ? design.type.h1Size : h.depth === 2 ? design.type.h2Size : design.type.h3Size;
  return Math.max(size * 1.6, size * 0.62 * (h.number?.length ?? 0) + size * 0.7);
}

/** The document's hyphenation, or the other language's when the whole paragraph is in it (an untranslated passage). */
function hyphenationFor(children: readonly Inline[], ctx: RenderContext): (word: string) => string[] {
  const langs = new Set(children.filter((c) => !(c.type === "text" && c.value.trim() === "")).map((c) => (c.type === "foreign" ? c.lang : ctx.lang)));
  const only = langs.size === 1 ? [...langs][0]! : ctx.lang;
  return only === ctx.lang ? ctx.hyphenate : hyphenator(only);
}

/**
 * Justified text stretches letters apart when a line holds one long token
 * that cannot break (an address); such paragraphs are set ragged-right.
 */
export function alignFor(children: readonly Inline[], style: HouseStyles["paragraph"]): HouseStyles["paragraph"] {
  if (style.textAlign !== "justify") return style;
  const text = plainText(children);
  // A very long unbreakable string, or a paragraph of a few words (when it wraps, its first line
  // has too few spaces to stretch without holes), is set ragged right.
  const ragged = /\S{28,}/.test(text) || text.trim().split(/\s+/).length < 10;
  return ragged ? { ...style, textAlign: "left" } : style;
}


/**
 * In minutes, a paragraph that opens with who speaks gets the speaker set in
 * semibold, so a reader can follow the discussion by scanning the left edge.
 */
function withSpeaker(children: readonly Inline[]): readonly Inline[] {
  const first = children[0];
  if (!first || first.type !== "text") return children;
  const who = speakerAt(first.value);
  if (!who) return children;
  return [{ type: "strong", children: [{ type: "text", value: who }] }, { type: "text", value: first.value.slice(who.length) }, ...children.slice(1)];
}

function paragraphText(children: readonly Inline[], style: HouseStyles["paragraph"], ctx: RenderContext, s: HouseStyles, key: string): ReactNode {
  const shown = ctx.kind === "minutes" ? withSpeaker(children) : children;
  return (
    <Text key={key} style={alignFor(children, style)} hyphenationCallback={hyphenationFor(children, ctx)} orphans={2} widows={2} {...tag("P")}>
      {inlines(shown, ctx, s, key)}
    </Text>
  );
}

function list(l: List, ctx: RenderContext, s: HouseStyles, key: string): ReactNode {
  // A list with no items (render:empty-list) is left out.
  if (l.children.length === 0) return null;
  const start = l.start ?? 1;
  return (
    <View key={key} style={s.list} {...tag("L")}>
      {l.children.map((child, i) => {
        // A block straight in a list (not a listItem) is set as an item's content.
        const item: ListItem = child.type === "listItem" ? child : { type: "listItem", position: (child as Block).position, children: [child as Block] };
        const marker = l.ordered ? `${start + i}.` : "\u2022";
        // Paragraphs inside items lose their bottom margin; the row has its own.
        const content = item.children.map((c, j) =>
          c.type === "paragraph" ? paragraphText(c.children, { ...s.paragraph, marginBottom: j < item.children.length - 1 ? LINE * 0.25 : 0 }, ctx, s, `${key}.${i}.${j}`) : block(c, ctx, s, `${key}.${i}.${j}`),
        );
        return (
          <View key={`${key}.${i}`} style={s.listItemRow} wrap={item.children.length > 1 || plainLength(item.children) > 600} {...tag("LI")}>
            <Text style={s.listMarker} {...tag("Lbl")}>{marker}</Text>
            <View style={s.listBody} {...tag("LBody")}>{content}</View>
          </View>
        );
      })}
    </View>
  );
}

function plainLength(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) if (b.type === "paragraph") n += plainText(b.children).length;
  return n;
}

/**
 * How a paragraph in a box is set apart from the one before it when boxes have
 * no space between paragraphs: running text by a first-line indent, the entries
 * of a CV box (one person each) by a hanging indent.
 */
function boxParagraphIndent(b: Box, i: number, s: HouseStyles): Style {
  const indent = s.boxParagraphIndent;
  if (indent === 0) return {};
  if (b.kind === "cv") return { paddingLeft: indent, textIndent: -indent };
  return { textIndent: i > 0 && b.children[i - 1]?.type === "paragraph" ? indent : 0 };
}

/** A box's height, roughly: its text's length set at the box's size in the measure, plus padding. */
function estimatedHeight(b: Box, ctx: RenderContext, s: HouseStyles): number {
  const size = Number(s.boxText.fontSize ?? design.type.bodySize);
  const lineHeight = size * Number(s.boxText.lineHeight ?? 1.4);
  const perLine = Math.max(1, (ctx.measure - 30) / (size * 0.5)); // average letter: half the size
  const lines = [plainText(b.title ?? []), ...b.children.map(blockText)].filter((t) => t.length > 0).reduce((n, t) => n + Math.ceil(t.length / perLine), 0);
  return lines * lineHeight + LINE * 2;
}

/** All the text of a block, its children's run together. */
function blockText(b: Block): string {
  return plainText(inlinesOf(b) ?? (b.children as Block[]).flatMap((c) => inlinesOf(c) ?? [{ type: "text", value: blockText(c) }]));
}

/** Renders one block. */
export function block(b: Block, ctx: RenderContext, s: HouseStyles, key: string): ReactNode {
  switch (b.type) {
    case "heading":
      return heading(b, ctx, s, key);
    case "paragraph":
      return paragraphText(b.children, s.paragraph, ctx, s, key);
    case "list":
      return list(b, ctx, s, key);
    case "listItem":
      // A list item outside a list (render:stray-list-item): a list of one item.
      return list({ type: "list", ordered: false, position: b.position, children: [b] }, ctx, s, key);
    case "box":
      // A box that fits in a third of a page is kept whole: split, its title
      // can move on and leave the tinted top edge alone at the page foot.
      // A box that fits in a third of a page is kept whole. (A longer one may
      // split; react-pdf can then leave its tinted top edge alone at a page foot.)
      return (
        <View key={key} style={s.box} wrap={estimatedHeight(b, ctx, s) > TEXT_BLOCK_HEIGHT / 3} {...tag("Div")}>
          {b.title ? (
            <Text style={s.boxTitle} minPresenceAhead={LINE * 2} {...tag("P")}>
              {inlines(b.title, ctx, s, key)}
            </Text>
          ) : null}
          {b.children.map((c, i) =>
            c.type === "paragraph" ? (
              <Text key={`${key}.${i}`} style={{ ...s.boxText, marginBottom: i < b.children.length - 1 ? s.boxParagraphGap : 0, ...boxParagraphIndent(b, i, s) }} hyphenationCallback={ctx.hyphenate} orphans={2} widows={2} {...tag("P")}>
                {inlines(c.children, ctx, s, `${key}.${i}`)}
              </Text>
            ) : (
              block(c, ctx, s, `${key}.${i}`)
            ),
          )}
        </View>
      );
    case "quote":
      return b.kind === "pull" ? (
        <View key={key} style={s.pullQuoteWrap} wrap={false}>
          <Text style={s.pullQuote} hyphenationCallback={ctx.hyphenate} {...tag("BlockQuote")}>
            {inlines(b.children, ctx, s, key)}
          </Text>
        </View>
      ) : (
        <View key={key} style={s.blockQuoteWrap}>
          <Text style={s.blockQuote} hyphenationCallback={ctx.hyphenate} {...tag("BlockQuote")}>
            {inlines(b.children, ctx, s, key)}
          </Text>
        </View>
      );
    case "caption":
      return (
        <Text key={key} style={s.caption} hyphenationCallback={ctx.hyphenate} {...tag("P")}>
          {inlines(b.children, ctx, s, key)}
        </Text>
      );
    case "article":
      return (
        <View key={key} {...bookmark(plainText(b.title).trim())} break={ctx.kind === "magazine" && b.id !== ctx.firstArticleId} {...tag("Sect")}>
          {articleHead(b, ctx, s, key)}
          {homeMarkers(b, ctx, key)}
          {/* A listItem directly in an article is set as a list of one item. */}
          {flow(b.children as FlowBlock[], ctx, s, `${key}.c`)}
          {ctx.noteMode === "end" ? endNotes(notesAfter(b.children, ctx, b), ctx, s, `${key}.n`) : null}
        </View>
      );
    default: {
      // A node the model does not know (pdf:unknown-node): its text, set as a paragraph.
      return (
        <Text key={key} style={s.paragraph} {...tag("P")}>
          {anyText(b)}
        </Text>
      );
    }
  }
}

/** The display part of a magazine article: kicker, title, lead, byline; the target of its contents entry. */
export function articleHead(b: Article, ctx: RenderContext, s: HouseStyles, key: string, keep = true): ReactNode {
  return (
    <View key={`${key}.head`} id={headingAnchor(b.id)} style={s.articleHead} wrap={!keep} minPresenceAhead={LINE * 4}>
      {b.kicker ? <Text style={s.kicker} {...tag("P")}>{inlines(b.kicker, ctx, s, `${key}.k`)}</Text> : null}
      <Text style={s.articleTitle} hyphenationCallback={(w) => [w]} {...tag("H1")}>
        {inlines(b.title, ctx, s, `${key}.t`)}
      </Text>
      {b.lead ? (
        <Text style={s.lead} hyphenationCallback={ctx.hyphenate} {...tag("P")}>
          {inlines(b.lead, ctx, s, `${key}.l`)}
        </Text>
      ) : null}
      {b.byline ? <Text style={s.byline} {...tag("P")}>{inlines(b.byline, ctx, s, `${key}.y`)}</Text> : null}
    </View>
  );
}

/** Notes set as a block after a chapter, article or the document; each note is a link target. */
export function endNotes(ids: readonly string[], ctx: RenderContext, s: HouseStyles, key: string, heading = true): ReactNode {
  if (ids.length === 0) return null;
  return (
    <View key={key} style={s.notesBlock} {...tag("Div")}>
      {heading ? (
        <Text style={s.notesHeading} minPresenceAhead={LINE * 2} {...tag("P")}>
          {ctx.noteHeading}
        </Text>
      ) : null}
      {ids.map((id) => noteRow(id, ctx, s, `${key}.${id}`))}
    </View>
  );
}

/** One note: its label and text, carrying the note's named destination. */
export function noteRow(id: string, ctx: RenderContext, s: HouseStyles, key: string): ReactNode {
  const note = ctx.notes.get(id);
  if (!note) return null;
  // Back to the reference, when the text has one.
  const back = ctx.plan.referenced.has(id) ? refAnchor(id) : undefined;
  return (
    <View key={key} id={noteAnchor(id)} style={s.noteRow} wrap={false} {...tag("Note", { id: noteStructId(id) })}>
      {back ? (
        <Link src={`#${back}`} style={{ width: s.noteLabel.width, textDecoration: "none" }} {...tag("Lbl")}>
          <Text style={s.noteLabel}>{note.label}</Text>
        </Link>
      ) : (
        <Text style={s.noteLabel} {...tag("Lbl")}>{note.label}</Text>
      )}
      <Text style={s.noteText} hyphenationCallback={ctx.hyphenate} {...tag("P")}>
        {inlines(note.children, ctx, s, key)}
      </Text>
    </View>
  );
}

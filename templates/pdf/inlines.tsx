/**
 * Inline nodes → react-pdf Text runs. One handler per node type with an
 * exhaustive switch: a node the model does not know is set as its text
 * (and reported, see pipeline/render-pdf/diagnostics.ts).
 */
import type { ReactNode } from "react";
import { Link, Text } from "@react-pdf/renderer";
import type { Inline } from "../../pipeline/document/types.ts";
import { t } from "../../pipeline/i18n/ui.ts";
import { noteAnchor, type RenderContext } from "./context.ts";
import type { HouseStyles } from "./styles.ts";
import { design } from "./tokens.ts";

/** The plain text of inlines (bookmarks, metadata, running heads). */
export { plainText } from "../../pipeline/document/text.ts";

/** Renders inlines as children of a Text. */
export function inlines(nodes: readonly Inline[], ctx: RenderContext, s: HouseStyles, keyPrefix = "i"): ReactNode[] {
  return nodes.map((n, i) => inline(n, ctx, s, `${keyPrefix}.${i}`));
}

function inline(n: Inline, ctx: RenderContext, s: HouseStyles, key: string): ReactNode {
  switch (n.type) {
    case "text":
      return n.value;
    case "emphasis":
      return (
        <Text key={key} style={{ fontStyle: "italic" }}>
          {inlines(n.children, ctx, s, key)}
        </Text>
      );
    case "strong":
      return (
        <Text key={key} style={{ fontWeight: 700 }}>
          {inlines(n.children, ctx, s, key)}
        </Text>
      );
    case "link":
      return (
        <Link key={key} src={n.url} style={s.link}>
          {inlines(n.children, ctx, s, key)}
        </Link>
      );
    case "noteRef": {
      const note = ctx.notes.get(n.id);
      // A reference to a note the document does not have (pdf:missing-note): its mark, unlinked.
      if (!note) return <Text key={key} style={{ ...s.noteRef, color: design.colours.muted }}>{n.id}</Text>;
      return (
        <Link key={key} src={`#${noteAnchor(n.id)}`} style={s.noteRef}>
          {note.label}
        </Link>
      );
    }
    case "foreign":
      if (n.reason === "untranslated") {
        // A small language mark plus a tint, so the reader of the English
        // edition sees which passages are still the Dutch original.
        return (
          <Text key={key} style={s.untranslated} {...langOf(n.lang)}>
            <Text style={s.untranslatedMark} {...langOf(ctx.lang)}>{`${t(ctx.lang, "untranslatedMark")}\u2009`}</Text>
            {inlines(n.children, ctx, s, key)}
          </Text>
        );
      }
      if (n.reason === "quotation") {
        return (
          <Text key={key} style={{ fontStyle: "italic" }} {...langOf(n.lang)}>
            {inlines(n.children, ctx, s, key)}
          </Text>
        );
      }
      return <Text key={key} {...langOf(n.lang)}>{inlines(n.children, ctx, s, key)}</Text>;
    default:
      // A node the model does not know (pdf:unknown-node): its text.
      return anyText(n);
  }
}

/**
 * The language of a passage in the other language, for the tagged PDF's /Lang
 * (react-pdf's typings do not know the prop; the patched layout carries it).
 */
function langOf(lang: string): Record<string, unknown> {
  return { lang };
}

/** The text of any node, known or not: its value, or its children's text. */
export function anyText(node: unknown): string {
  if (typeof node !== "object" || node === null) return "";
  const n = node as { value?: unknown; children?: unknown };
  if (typeof n.value === "string") return n.value;
  if (Array.isArray(n.children)) return n.children.map(anyText).join(" ").replace(/\s+/g, " ").trim();
  return "";
}

/** Note references in inlines, in reading order. */
export function noteRefIds(nodes: readonly Inline[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.type === "noteRef") out.push(n.id);
    else if ("children" in n) noteRefIds(n.children, out);
  }
  return out;
}

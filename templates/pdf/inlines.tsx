/**
 * Inline nodes → react-pdf Text runs. One handler per node type with an
 * exhaustive switch: a node the model does not know stops the render.
 */
import type { ReactNode } from "react";
import { Link, Text } from "@react-pdf/renderer";
import type { Inline } from "../../pipeline/document/types.ts";
import { t } from "../../pipeline/i18n/ui.ts";
import { noteAnchor, type RenderContext } from "./context.ts";
import type { HouseStyles } from "./styles.ts";

/** Thrown for input the templates cannot set; renderPdf turns it into a TweeluikError naming the document. */
export class TemplateError extends Error {
  override name = "TemplateError";
}

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
      if (!note) throw new TemplateError(`note reference "${n.id}" has no note in doc.notes`);
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
          <Text key={key} style={s.untranslated}>
            <Text style={s.untranslatedMark}>{`${t(ctx.lang, "untranslatedMark")}\u2009`}</Text>
            {inlines(n.children, ctx, s, key)}
          </Text>
        );
      }
      if (n.reason === "quotation") {
        return (
          <Text key={key} style={{ fontStyle: "italic" }}>
            {inlines(n.children, ctx, s, key)}
          </Text>
        );
      }
      return <Text key={key}>{inlines(n.children, ctx, s, key)}</Text>;
    default:
      throw new TemplateError(`unknown inline node ${JSON.stringify((n as { type?: unknown }).type)}`);
  }
}

/** Note references in inlines, in reading order. */
export function noteRefIds(nodes: readonly Inline[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.type === "noteRef") out.push(n.id);
    else if ("children" in n) noteRefIds(n.children, out);
  }
  return out;
}

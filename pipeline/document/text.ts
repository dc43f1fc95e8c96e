import type { Block, Heading, Inline } from "./types.ts";

/** The inlines of a block of running text (heading, paragraph, quote, caption); undefined for containers. */
export function inlinesOf(b: Block): Inline[] | undefined {
  return b.type === "heading" || b.type === "paragraph" || b.type === "quote" || b.type === "caption" ? b.children : undefined;
}

/** The plain text of inlines, note references left out (bookmarks, metadata, matching); an unknown node gives its text. */
export function plainText(nodes: readonly Inline[]): string {
  let out = "";
  for (const n of nodes) {
    switch (n.type) {
      case "text":
        out += n.value;
        break;
      case "noteRef":
        break;
      case "emphasis":
      case "strong":
      case "link":
      case "foreign":
        out += plainText(n.children);
        break;
      default: {
        // A node the model does not know: its text is kept (writers report the node).
        const u = n as { value?: unknown; children?: unknown };
        if (typeof u.value === "string") out += u.value;
        else if (Array.isArray(u.children)) out += plainText(u.children as Inline[]);
      }
    }
  }
  return out;
}

/**
 * A heading's inlines without its printed number. Writers set the number
 * apart (a column in the PDF, span.secno in the EPUB), and sources repeat it
 * in the text ("2 Bevindingen…"), so keeping both would print "2 2 Bevindingen".
 */
export function headingText(h: Heading): Inline[] {
  const number = h.number;
  if (!number) return h.children;
  const prefix = new RegExp(`^\\s*${number.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.?\\s+`);
  const strip = (nodes: readonly Inline[]): Inline[] | undefined => {
    const [first, ...rest] = nodes;
    if (!first) return undefined;
    if (first.type === "text") {
      const m = prefix.exec(first.value);
      return m ? [{ ...first, value: first.value.slice(m[0].length) }, ...rest] : undefined;
    }
    if (first.type === "emphasis" || first.type === "strong" || first.type === "foreign" || first.type === "link") {
      const inner = strip(first.children);
      return inner ? [{ ...first, children: inner }, ...rest] : undefined;
    }
    return undefined;
  };
  return strip(h.children) ?? h.children;
}

const PARTICLE = "(?:van|de|der|den|het|ten|ter|te|in 't|'t|la|le|du|von)";
const CAP = "[A-Z\\u00C0-\\u024F][\\p{L}'’-]+";
// A name ends in a capitalised word: "Van der Ham", "Florian de Jager", never "X van het".
const NAME = `${CAP}(?:(?: ${PARTICLE})* ${CAP})*`;
/** "De voorzitter", "De heer Van der Ham", "Mevrouw Hamer", "The chair", "Mr Verhagen", "Ms Van de Ven" at the start of a paragraph. */
const SPEAKER = new RegExp(`^(?:De voorzitter|De heer ${NAME}|Mevrouw ${NAME}|The chair(?:man|woman|person)?|Mr\\.? ${NAME}|Ms\\.? ${NAME}|Mrs\\.? ${NAME})(?=[ ,:])`, "u");

/**
 * Who speaks, when a minutes paragraph opens with it ("De heer Van der Ham",
 * "The chair"): the writers set it apart so a reader can follow the
 * discussion down the left edge.
 */
export function speakerAt(text: string): string | undefined {
  return SPEAKER.exec(text)?.[0];
}

import { z } from "zod";
import type { Kind } from "../document/types.ts";

/** ISO 8601 calendar date at the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD. */
const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "expected an ISO 8601 date: YYYY-MM-DD, or YYYY-MM / YYYY where the source gives no day")
  .refine((s) => {
    const full = s.length === 4 ? `${s}-01-01` : s.length === 7 ? `${s}-01` : s;
    const d = new Date(`${full}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(full);
  }, "not a calendar date");

/**
 * Source lines of a block: `119` (one line) or `"119-121"` (first-last), the
 * lines of the source text the block stood at when the normaliser made it.
 */
const lineRange = z.union([
  z.number().int().min(1),
  z
    .string()
    .regex(/^\d+-\d+$/, 'expected source lines: a line number or "first-last" (e.g. 119-121)')
    .refine((s) => {
      const [a, b] = s.split("-").map(Number);
      return a! >= 1 && a! < b!;
    }, "the first line must be above the last (a block of one line: its number alone)"),
]);

/**
 * A block named by its source lines, with its first (or last) words as a
 * check: `{ lines: 119-121, starts: "Het verkleinen van" }`. The lines are
 * those of `position.line`-`position.endLine` as the normaliser made the
 * block, and they hold through earlier corrections: a moved or marked block
 * keeps them, a join keeps those of the block joined onto (the text appended
 * from lines elsewhere does not change them), the block a split makes has the
 * lines it starts at, a box or article the lines of everything it holds (a
 * box or article can share its lines with the first block inside: the words
 * tell them apart). The normaliser reports an error when no block at those
 * lines starts (or ends) with the words.
 */
export const anchorSchema = z
  .object(
    {
      lines: lineRange,
      /** The first words of the block's text (white space collapsed); for a box its title's, for an article its title's. */
      starts: z.string().min(2).optional(),
      /** The last words of the block's text: where the end says more (the block a moved block goes after). */
      ends: z.string().min(2).optional(),
    },
    { error: 'expected a block named by its source lines and first words: { lines: 119-121, starts: "…" }' },
  )
  .strict()
  .refine((a) => a.starts !== undefined || a.ends !== undefined, {
    message: "an anchor needs starts (or ends): the block's first (or last) words, as a check",
    path: ["starts"],
  });

/** Why the correction is needed, for the reviewer: "column jump: the paragraph goes on at line 170". */
const note = z
  .string({ error: "every correction needs a note: say why it is needed" })
  .trim()
  .min(10, "say in a note why the correction is needed (at least 10 characters)");

const boxKind = z.enum(["info", "cv", "sidebar"]);

/**
 * An editorial correction: a generic, reviewable operation on normalised
 * blocks, applied by the normaliser (pipeline/normalise/corrections.ts) in
 * the order given, after every other pass. `block` names the block the
 * operation works on, `target` the other block where the operation has one,
 * both by their source lines (see anchorSchema); `note` says why.
 */
export const correctionSchema = z.discriminatedUnion("op", [
  /** Move `block` to just after `target` (a column the extraction set before the one it follows). */
  z.object({ op: z.literal("move-after"), block: anchorSchema, target: anchorSchema, note }).strict(),
  /** Move `block` to just before `target`. */
  z.object({ op: z.literal("move-before"), block: anchorSchema, target: anchorSchema, note }).strict(),
  /** Leave `block` out (page furniture the normaliser kept). */
  z.object({ op: z.literal("drop"), block: anchorSchema, note }).strict(),
  /**
   * Say what `block` (running text) is: a pull quote, caption, heading (depth 2),
   * paragraph or box (`kind`, default sidebar); or, for a block inside an
   * article, the article's title, kicker, lead or byline (the part it replaces
   * goes back into the body).
   */
  z
    .object({
      op: z.literal("mark"),
      block: anchorSchema,
      as: z.enum(["pullquote", "caption", "kicker", "lead", "byline", "title", "box", "heading", "paragraph"]),
      kind: boxKind.optional(),
      note,
    })
    .strict(),
  /**
   * Append `target` to `block`: the text goes on there after a column or page
   * jump. The line-end hyphen at the junction is decided as usual.
   */
  z.object({ op: z.literal("join"), block: anchorSchema, target: anchorSchema, note }).strict(),
  /**
   * Cut `block` in two where two texts run together: `target` is the block
   * the cut makes, the text from `target.starts` on, from the line it starts
   * at to the end of `block` (`lines: 988-992`).
   */
  z
    .object({
      op: z.literal("split"),
      block: anchorSchema,
      target: anchorSchema.refine((a) => a.starts !== undefined, { message: "split needs target.starts: the words the second block begins with", path: ["starts"] }),
      note,
    })
    .strict(),
  /** Gather the run from `block` to `target` (in one container) into a box titled `block`. */
  z.object({ op: z.literal("box"), block: anchorSchema, target: anchorSchema, kind: boxKind.optional(), note }).strict(),
  /** Gather the run from `block` to `target` (in one container) into an article titled `block`. */
  z.object({ op: z.literal("article"), block: anchorSchema, target: anchorSchema, note }).strict(),
]);

const bilingual = z.object({ nl: z.string().min(1), en: z.string().min(1) }).strict();
/** Text that is the same in both languages (a name), or given per language. */
const localised = z.union([z.string().min(1), bilingual]);

/** The value of a `localised` field in one language. */
export function inLang(value: string | { nl: string; en: string }, lang: "nl" | "en"): string;
export function inLang(value: string | { nl: string; en: string } | undefined, lang: "nl" | "en"): string | undefined;
export function inLang(value: string | { nl: string; en: string } | undefined, lang: "nl" | "en"): string | undefined {
  return typeof value === "object" ? value[lang] : value;
}

export const sourceConfigSchema = z
  .object({
    kind: z.enum(["minutes", "advice", "magazine", "report"] as const satisfies readonly Kind[]),
    title: z.object({ nl: z.string().min(1), en: z.string().min(1) }).strict(),
    subtitle: z.object({ nl: z.string().min(1), en: z.string().min(1) }).strict().optional(),
    date: isoDate,
    /** Say how the date was found when it is not printed as the document's date. */
    dateNote: localised.optional(),
    publisher: localised,
    author: localised.optional(),
    number: z.string().min(1).optional(),
    description: z.object({ nl: z.string().min(1), en: z.string().min(1) }).strict().optional(),
    keywords: z.object({ nl: z.array(z.string()), en: z.array(z.string()) }).strict().optional(),
    corrections: z.array(correctionSchema).optional(),
    /** Who may download the editions: everyone (static files; the default), or members only (served by `tweeluik serve` with credentials). */
    access: z.enum(["public", "members"], { error: 'expected "public" or "members"' }).optional(),
    /** A PDF source: read through its structure tree where it is tagged and the tree holds the text (the default), or from its layout alone. */
    pdfReader: z.enum(["structure", "layout"], { error: 'expected "structure" or "layout"' }).optional(),
  })
  .strict();

export type SourceConfig = z.infer<typeof sourceConfigSchema>;
export type Correction = z.infer<typeof correctionSchema>;
export type Anchor = z.infer<typeof anchorSchema>;

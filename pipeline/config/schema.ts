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
 * An editorial correction: a generic, reviewable operation on normalised
 * blocks, applied by the normaliser (pipeline/normalise/corrections.ts).
 * Blocks are found by the text they start or end with.
 */
export const correctionSchema = z
  .object({
    op: z.enum(["move-after", "move-before", "drop", "mark", "join", "split", "box", "article"]),
    /** The block whose text starts with this (after normalisation). */
    block: z.string().min(2),
    /**
     * For move-after: the block whose text ends with this; move-before: starts with;
     * join: the block (starting with this) whose text continues `block` (a column or
     * page jump); it is appended to `block` and its line-end hyphen decided as usual.
     * split: the text inside `block` where a second block begins (two texts run together).
     * box and article: the last block (starting with this) of the run that `block`
     * opens; the run becomes a box titled `block`, or an article titled `block`.
     */
    target: z.string().min(3).optional(),
    /** For mark: what the block is (title, kicker, lead, byline: a part of the article it stands in). */
    as: z.enum(["pullquote", "caption", "kicker", "lead", "byline", "title", "box", "heading", "paragraph"]).optional(),
    /** Which of several blocks starting with `block` is meant (1 = the first); given, several are no ambiguity. */
    nth: z.number().int().min(1).optional(),
    /** For box (and mark as box): what kind of box (default sidebar). */
    kind: z.enum(["info", "cv", "sidebar"]).optional(),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.op === "move-after" || c.op === "move-before" || c.op === "join" || c.op === "split" || c.op === "box" || c.op === "article") && !c.target)
      ctx.addIssue({ code: "custom", path: ["target"], message: `${c.op} needs a target` });
    if (c.op === "mark" && !c.as) ctx.addIssue({ code: "custom", path: ["as"], message: "mark needs as" });
  });

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
  })
  .strict();

export type SourceConfig = z.infer<typeof sourceConfigSchema>;
export type Correction = z.infer<typeof correctionSchema>;

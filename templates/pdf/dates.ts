/**
 * Document dates at the precision the source gives (YYYY, YYYY-MM or
 * YYYY-MM-DD, see pipeline/config/schema.ts), written out in the document's
 * language, and as the fixed PDF creation date that makes renders repeatable.
 */
import type { Lang } from "../../pipeline/document/types.ts";
import { formatDate } from "../../pipeline/i18n/ui.ts";

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** True for YYYY, YYYY-MM and YYYY-MM-DD. */
export function isIsoDate(iso: string): boolean {
  return ISO.test(iso);
}

/** "27 januari 2023", "maart 2022" or "2023". */
export function displayDate(lang: Lang, iso: string): string {
  const m = ISO.exec(iso);
  if (!m) return iso;
  if (m[3]) return formatDate(lang, iso);
  if (m[2]) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15, 12));
    return new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(d);
  }
  return m[1]!;
}

/** Noon UTC on the first day the date can mean: the PDF's creation and modification date. */
export function fixedDate(iso: string): Date {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`expected YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  return new Date(Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1, 12));
}

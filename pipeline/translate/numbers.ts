import { stripPlaceholders } from "./placeholders.ts";

/** A number or date found in a text, with a canonical value to compare across languages. */
export interface Quantity {
  kind: "number" | "date";
  /** Canonical value: "8.2", "1100000", "2023-01-27", "--01-27" (no year), "2022-03" (no day). */
  value: string;
  /** The text as written. */
  text: string;
}

const NL_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
const EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

const NL_SCALE: Record<string, number> = { duizend: 1e3, miljoen: 1e6, mln: 1e6, miljard: 1e9, mld: 1e9, mrd: 1e9, biljoen: 1e12 };
const EN_SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, mln: 1e6, m: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12 };

/** URLs and e-mail addresses: their digits are compared as addresses, not as numbers. */
export const URL_OR_EMAIL = /(?:https?:\/\/|www\.)[^\s<>"”’)]+[^\s<>"”’).,;:!?]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|eu|net|nu|int)\/[^\s<>"”’)]*[^\s<>"”’).,;:!?]/giu;

function canonical(n: number): string {
  return String(Number(n.toPrecision(12)));
}

const pad = (n: number) => String(n).padStart(2, "0");

function dateValue(day: number | undefined, month: number, year: string | undefined): string {
  if (day === undefined) return `${year}-${pad(month)}`;
  return `${year ?? "-"}-${pad(month)}-${pad(day)}`;
}

/**
 * Numbers and dates in a Dutch text. Dutch writes a decimal comma and a
 * thousands point (8,2% · 220.000 · 1,1 miljoen), times as 10.15 uur and
 * dates as 27 januari 2023. Section numbers (5.1) keep their dots.
 */
export function dutchQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  let rest = stripPlaceholders(text).replace(URL_OR_EMAIL, " ");
  const months = NL_MONTHS.join("|");
  rest = rest.replace(new RegExp(`\\b(?:(\\d{1,2})\\s+)?(${months})(?:\\s+(\\d{4}))?\\b`, "giu"), (m, d: string | undefined, mon: string, y: string | undefined) => {
    if (!d && !y) return m;
    out.push({ kind: "date", value: dateValue(d ? Number(d) : undefined, NL_MONTHS.indexOf(mon.toLowerCase()) + 1, y), text: m });
    return " ";
  });
  rest = rest.replace(/\b(\d{1,2})[.:](\d{2})\s*uur\b/giu, (m, h: string, min: string) => {
    out.push({ kind: "number", value: `${Number(h)}.${min}`, text: m });
    return " ";
  });
  const re = new RegExp(`(?<![\\d.,])(\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?|\\d+(?:\\.\\d+)+|\\d+(?:,\\d+)?)(?![\\d])(?:\\s*(${Object.keys(NL_SCALE).join("|")})\\b)?`, "giu");
  for (const m of rest.matchAll(re)) {
    const raw = m[1]!;
    const scale = m[2] ? NL_SCALE[m[2].toLowerCase()]! : 1;
    let value: string;
    if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(raw)) value = canonical(Number(raw.replace(/\./g, "").replace(",", ".")) * scale);
    else if (raw.includes(".")) value = raw; // a section number or a time: compared as written
    else if (scale === 1 && raw.includes(",")) value = raw.replace(",", "."); // 8,2 → 8.2, 8,20 → 8.20: as written
    else value = canonical(Number(raw.replace(",", ".")) * scale);
    out.push({ kind: "number", value, text: m[0] });
  }
  return out;
}

/**
 * Numbers and dates in an English text: decimal point, thousands comma
 * (8.2% · 220,000 · 1.1 million), times as 10:15 or 10.15 am, dates as
 * 27 January 2023 or January 27, 2023.
 */
export function englishQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  let rest = stripPlaceholders(text).replace(URL_OR_EMAIL, " ");
  const months = EN_MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1)).join("|");
  const ord = "(?:st|nd|rd|th)?";
  rest = rest.replace(new RegExp(`\\b(${months})\\s+(\\d{1,2})${ord}(?:,?\\s+(\\d{4}))?\\b`, "gu"), (m, mon: string, d: string, y: string | undefined) => {
    out.push({ kind: "date", value: dateValue(Number(d), EN_MONTHS.indexOf(mon.toLowerCase()) + 1, y), text: m });
    return " ";
  });
  rest = rest.replace(new RegExp(`\\b(?:(\\d{1,2})${ord}\\s+(?:of\\s+)?)?(${months})(?:\\s+(\\d{4}))?\\b`, "gu"), (m, d: string | undefined, mon: string, y: string | undefined) => {
    if (!d && !y) return m;
    out.push({ kind: "date", value: dateValue(d ? Number(d) : undefined, EN_MONTHS.indexOf(mon.toLowerCase()) + 1, y), text: m });
    return " ";
  });
  rest = rest.replace(/\b(\d{1,2})[:.](\d{2})\s*(?:a\.?m\.?|p\.?m\.?|hrs|hours|h)(?![\p{L}])|\b(\d{1,2}):(\d{2})\b/giu, (m, h1?: string, m1?: string, h2?: string, m2?: string) => {
    out.push({ kind: "number", value: `${Number(h1 ?? h2)}.${m1 ?? m2}`, text: m });
    return " ";
  });
  const re = new RegExp(`(?<![\\d.,])(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+){2,}|\\d+(?:\\.\\d+)?)(?![\\d])(?:\\s*(${Object.keys(EN_SCALE).join("|")})\\b)?`, "giu");
  for (const m of rest.matchAll(re)) {
    const raw = m[1]!;
    const scale = m[2] ? EN_SCALE[m[2].toLowerCase()]! : 1;
    let value: string;
    if (/^\d+(?:\.\d+){2,}$/.test(raw)) value = raw;
    else if (scale === 1 && /^\d+\.\d+$/.test(raw)) value = raw; // a decimal (8.2) or a version/section number (2.0, 5.1): as written
    else value = canonical(Number(raw.replace(/,/g, "")) * scale);
    out.push({ kind: "number", value, text: m[0] });
  }
  return out;
}

/** What differs between two quantity lists (as multisets of canonical values). */
export function compareQuantities(source: readonly Quantity[], target: readonly Quantity[]): { missing: Quantity[]; extra: Quantity[] } {
  const left = [...target];
  const missing: Quantity[] = [];
  for (const q of source) {
    const i = left.findIndex((t) => t.kind === q.kind && t.value === q.value);
    if (i === -1) missing.push(q);
    else left.splice(i, 1);
  }
  return { missing, extra: left };
}

/** URLs and e-mail addresses in a text, as written (without trailing punctuation). */
export function addresses(text: string): string[] {
  return [...stripPlaceholders(text).matchAll(URL_OR_EMAIL)].map((m) => m[0]);
}

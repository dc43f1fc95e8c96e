import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import i18next, { type i18n, type TOptions } from "i18next";
import { LANGS, type Lang } from "../document/types.ts";

const LOCALES = fileURLToPath(new URL("../../locales/", import.meta.url));

let instance: i18n | undefined;
const missing: string[] = [];

function ui(): i18n {
  if (instance) return instance;
  const resources: Record<string, { ui: Record<string, unknown> }> = {};
  for (const lang of LANGS) {
    const file = `${LOCALES}${lang}/ui.json`;
    resources[lang] = { ui: JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown> };
  }
  const inst = i18next.createInstance();
  void inst.init({
    resources,
    lng: "nl",
    fallbackLng: false,
    ns: ["ui"],
    defaultNS: "ui",
    initAsync: false,
    interpolation: { escapeValue: false },
    saveMissing: true,
    missingKeyHandler: (lngs, _ns, key) => missing.push(`${lngs.join(",")}:${key}`),
  });
  instance = inst;
  return inst;
}

/** Interface word `key` in `lang` (locales/<lang>/ui.json), with interpolation. */
export function t(lang: Lang, key: string, vars?: TOptions): string {
  return ui().t(key, { ...vars, lng: lang }) as string;
}

/** Interface keys that were asked for but are missing, as "lang:key". */
export function missingUiKeys(): readonly string[] {
  return missing;
}

/**
 * An ISO date (YYYY-MM-DD, YYYY-MM or YYYY) written out in the document's
 * language at the precision given: "27 januari 2023", "maart 2022", "2019".
 */
export function formatDate(lang: Lang, iso: string): string {
  const d = new Date(`${fullDate(iso)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  const precision = iso.length === 4 ? { year: "numeric" } : iso.length === 7 ? { month: "long", year: "numeric" } : { day: "numeric", month: "long", year: "numeric" };
  return new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { ...(precision as Intl.DateTimeFormatOptions), timeZone: "UTC" }).format(d);
}

/** The first day of an ISO date of any precision ("2019" → "2019-01-01"), for fields that need a whole day. */
export function fullDate(iso: string): string {
  return iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso;
}

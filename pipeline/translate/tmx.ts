import { SHARED_NS, type MemoryEntries, type EntryStatus } from "./memory.ts";
import { placeholderTokens } from "./placeholders.ts";
import { childrenNamed, escapeAttr, escapeText, localName, parseXml, textContent, type XmlElement } from "./xml.ts";

/**
 * Placeholders → TMX 1.4 inline codes: a pair `{n}…{/n}` becomes
 * `<bpt i="n" x="n">{n}</bpt>…<ept i="n">{/n}</ept>`, a standalone `{n}`
 * becomes `<ph x="n">{n}</ph>` (the code data is the placeholder itself, so
 * any TMX tool can carry it and a round trip restores it).
 */
export function toTmxSeg(text: string): string {
  const paired = new Set(placeholderTokens(text).filter((t) => t.close).map((t) => t.id));
  let out = "";
  let pos = 0;
  for (const t of placeholderTokens(text)) {
    out += escapeText(text.slice(pos, t.index));
    pos = t.index + t.text.length;
    if (!paired.has(t.id)) out += `<ph x="${t.id}">${escapeText(t.text)}</ph>`;
    else if (t.close) out += `<ept i="${t.id}">${escapeText(t.text)}</ept>`;
    else out += `<bpt i="${t.id}" x="${t.id}">${escapeText(t.text)}</bpt>`;
  }
  return out + escapeText(text.slice(pos));
}

/**
 * The whole memory as TMX 1.4b: one `<tu>` per entry (tuid = namespace:key),
 * Dutch and English variants, status and note as properties. Deterministic
 * (sorted, no clock), so the export diff shows only real changes.
 */
export function exportTmx(namespaces: Readonly<Record<string, MemoryEntries>>): string {
  const tus: string[] = [];
  const nsNames = Object.keys(namespaces).sort((a, b) => (a === SHARED_NS ? -1 : b === SHARED_NS ? 1 : a.localeCompare(b)));
  for (const ns of nsNames) {
    const entries = namespaces[ns]!;
    for (const key of Object.keys(entries).sort()) {
      const e = entries[key]!;
      if (!e.target.trim()) continue;
      const note = e.note ? `\n      <note>${escapeText(e.note)}</note>` : "";
      // TMX's own provenance: who made the unit when (the translator), who last changed it when (the reviser, else the translator)
      const attrs = [
        e.translator ? ` creationid="${escapeAttr(e.translator)}"` : "",
        e.translated ? ` creationdate="${tmxDate(e.translated)}"` : "",
        (e.reviser ?? e.translator) ? ` changeid="${escapeAttr((e.reviser ?? e.translator)!)}"` : "",
        (e.reviewed ?? e.translated) ? ` changedate="${tmxDate(latest(e.reviewed, e.translated)!)}"` : "",
      ].join("");
      const origin = e.origin ? `\n      <prop type="x-tweeluik-origin">${e.origin}</prop>` : "";
      tus.push(`    <tu tuid="${escapeAttr(`${ns}:${key}`)}"${attrs}>
      <prop type="x-tweeluik-namespace">${escapeText(ns)}</prop>
      <prop type="x-tweeluik-status">${e.status}</prop>${origin}${note}
      <tuv xml:lang="nl"><seg>${toTmxSeg(e.source)}</seg></tuv>
      <tuv xml:lang="en"><seg>${toTmxSeg(e.target)}</seg></tuv>
    </tu>`);
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="Tweeluik" creationtoolversion="0.1.0" datatype="plaintext" segtype="sentence" adminlang="en" srclang="nl" o-tmf="tweeluik-i18next"/>
  <body>
${tus.join("\n")}
  </body>
</tmx>
`;
}

/** A TMX date (YYYYMMDDThhmmssZ, TMX 1.4 §3.2) from YYYY-MM-DD. */
const tmxDate = (d: string) => `${d.replace(/-/g, "")}T000000Z`;
const latest = (a?: string, b?: string) => (a && b ? (a > b ? a : b) : (a ?? b));

/** One translation unit read back from TMX. */
export interface TmxUnit {
  tuid: string;
  ns: string;
  status: EntryStatus;
  source: string;
  target: string;
  note?: string;
  creationid?: string;
  creationdate?: string;
  changeid?: string;
  changedate?: string;
  origin?: string;
}

/** Read a TMX 1.4 file written by exportTmx (for round trips and checks); the inline codes' content restores the placeholders. */
export function parseTmx(text: string): TmxUnit[] {
  const root = parseXml(text);
  if (localName(root.name) !== "tmx") throw new Error(`expected <tmx>, got <${root.name}>`);
  const body = childrenNamed(root, "body")[0];
  if (!body) throw new Error("TMX without <body>");
  return childrenNamed(body, "tu").map((tu) => {
    const prop = (type: string) => childrenNamed(tu, "prop").find((p) => p.attrs.type === type);
    const seg = (lang: string) => {
      const tuv = childrenNamed(tu, "tuv").find((v) => v.attrs["xml:lang"] === lang);
      const s = tuv && childrenNamed(tuv, "seg")[0];
      return s ? segText(s) : "";
    };
    const unit: TmxUnit = {
      tuid: tu.attrs.tuid ?? "",
      ns: prop("x-tweeluik-namespace") ? textContent(prop("x-tweeluik-namespace")!) : "",
      status: (prop("x-tweeluik-status") ? textContent(prop("x-tweeluik-status")!) : "translated") as EntryStatus,
      source: seg("nl"),
      target: seg("en"),
    };
    const note = childrenNamed(tu, "note")[0];
    if (note) unit.note = textContent(note);
    for (const a of ["creationid", "creationdate", "changeid", "changedate"] as const) if (tu.attrs[a]) unit[a] = tu.attrs[a];
    if (prop("x-tweeluik-origin")) unit.origin = textContent(prop("x-tweeluik-origin")!);
    return unit;
  });
}

function segText(el: XmlElement): string {
  return el.children.map((c) => (typeof c === "string" ? c : textContent(c))).join("");
}

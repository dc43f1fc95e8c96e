import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { translateCommand } from "../pipeline/translate/cli.ts";
import { segmentKey, serialiseMemory, type MemoryEntries } from "../pipeline/translate/index.ts";
import { exportTmx, parseTmx, toTmxSeg } from "../pipeline/translate/tmx.ts";
import { parseXml } from "../pipeline/translate/xml.ts";

const own: MemoryEntries = {};
const add = (m: MemoryEntries, source: string, target: string, status: "draft" | "translated" | "reviewed" = "reviewed", note?: string) => {
  m[segmentKey(source)] = note ? { source, target, status, note } : { source, target, status };
};
// briefadvies-segv-2023:2 and :3, verslag R3026 (Mens & Technologie)
add(own, "Met dit briefadvies geeft de SER een eerste reactie op de vraag van het kabinet om te adviseren over sociaal-economische gezondheidsverschillen.{1}, {2}", "With this advisory letter the SER gives a first response to the government's request for advice on socio-economic health inequalities.{1}, {2}", "reviewed", "briefadvies, first sentence");
add(own, "De raad adviseert het beleid vooral te richten op het wegnemen van {1}maatschappelijke oorzaken{/1} van gezondheidsrisico’s.", "The Council advises focusing policy above all on removing the {1}societal causes{/1} of health risks.", "translated");
add(own, "Bij de bespreking van het advies Mens & Technologie werd dit aangehaald.", "This was cited when the advisory report <Mens & Technologie> was discussed.", "draft");
add(own, "Leeswijzer", "", "draft");
const shared: MemoryEntries = {};
add(shared, "Adviesaanvraag", "Request for advice");

describe("TMX 1.4 export", () => {
  const tmx = exportTmx({ "briefadvies-segv-2023": own, shared });
  it("is well-formed TMX 1.4 with a header and one tu per entry with a target", () => {
    const root = parseXml(tmx);
    expect(root.name).toBe("tmx");
    expect(root.attrs.version).toBe("1.4");
    expect(tmx).toContain('srclang="nl"');
    expect(tmx.match(/<tu /g)).toHaveLength(4);
    expect(tmx).toContain(`<tu tuid="shared:${segmentKey("Adviesaanvraag")}">`);
  });
  it("carries placeholders as TMX inline codes", () => {
    expect(toTmxSeg("gezondheidsverschillen.{1}, {2}")).toBe('gezondheidsverschillen.<ph x="1">{1}</ph>, <ph x="2">{2}</ph>');
    expect(toTmxSeg("de {1}maatschappelijke oorzaken{/1} van")).toBe('de <bpt i="1" x="1">{1}</bpt>maatschappelijke oorzaken<ept i="1">{/1}</ept> van');
  });
  it("round-trips: every entry comes back with source, target, status, note and namespace", () => {
    const units = parseTmx(tmx);
    const back: Record<string, MemoryEntries> = {};
    for (const u of units) {
      const [ns, key] = u.tuid.split(":") as [string, string];
      expect(u.ns).toBe(ns);
      (back[ns] ??= {})[key] = u.note ? { source: u.source, target: u.target, status: u.status, note: u.note } : { source: u.source, target: u.target, status: u.status };
    }
    const withTarget = Object.fromEntries(Object.entries(own).filter(([, e]) => e.target));
    expect(back).toEqual({ "briefadvies-segv-2023": withTarget, shared });
    for (const [key, e] of Object.entries(back["briefadvies-segv-2023"]!)) expect(segmentKey(e.source)).toBe(key);
  });
  it("is deterministic (sorted, no dates)", () => {
    expect(exportTmx({ shared, "briefadvies-segv-2023": own })).toBe(tmx);
  });
  it("`translate export-tmx -o FILE` exports every namespace in locales/en (not ui.json)", async () => {
    const root = mkdtempSync(join(tmpdir(), "tweeluik-tmx-"));
    mkdirSync(join(root, "locales", "en"), { recursive: true });
    writeFileSync(join(root, "locales", "en", "ui.json"), '{"contents":"Contents"}\n');
    writeFileSync(join(root, "locales", "en", "briefadvies-segv-2023.json"), serialiseMemory(own));
    writeFileSync(join(root, "locales", "en", "shared.json"), serialiseMemory(shared));
    const err: string[] = [];
    const code = await translateCommand(["export-tmx", "-o", join(root, "memory.tmx")], { root, out: () => {}, err: (s) => void err.push(s) });
    expect(code).toBe(0);
    expect(err.join("")).toMatch(/memory\.tmx: 4 translation units/);
    expect(readFileSync(join(root, "memory.tmx"), "utf8")).toBe(tmx);
  });
});

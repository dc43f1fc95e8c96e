/**
 * The five sources as the normaliser reads them today are covered by the translation memory: a
 * normaliser change that alters a segment's text makes its entry stale, and the build then
 * withholds that document's English edition. This test says so at once, naming the document.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("the five sources' English editions", () => {
  it("have no stale and no untranslated segment (tweeluik translate status)", () => {
    const r = spawnSync(process.execPath, ["pipeline/bin/tweeluik.mjs", "translate", "status"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout.split("\n").filter((l) => /^\S+\s+\d+\s+\d+/.test(l));
    expect(rows.length).toBe(5);
    // columns: document, segments, translated, reviewed, fuzzy, stale, untranslated, …
    const open = rows.map((l) => l.split(/\s+/)).filter((c) => c[5] !== "0" || c[6] !== "0").map((c) => `${c[0]}: ${c[5]} stale, ${c[6]} untranslated`);
    expect(open).toEqual([]);
  }, 120_000);
});

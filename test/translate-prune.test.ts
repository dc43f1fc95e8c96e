import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseMemory, serialiseMemory, type MemoryEntries } from "../pipeline/translate/memory.ts";
import { segmentKey } from "../pipeline/translate/key.ts";
import { FIXTURE_EN } from "./fixtures/translate/fixture-doc.ts";
import { cli, fixtureRoot } from "./fixtures/translate/helpers.ts";

const entries = (map: Record<string, string>): MemoryEntries =>
  Object.fromEntries(Object.entries(map).map(([source, target]) => [segmentKey(source), { source, target, status: "translated" as const }]));

describe("translate prune", () => {
  it("removes entries no document uses any more, keeps the live ones, and --dry-run writes nothing", async () => {
    const root = fixtureRoot();
    const file = join(root, "locales", "en", "fixture.json");
    // A sentence the source no longer has (its Dutch was edited): an orphan.
    const orphan = { "Op 12 maart is de heer Ben Pompen overleden.": "On 12 March Mr Ben Pompen died." };
    writeFileSync(file, serialiseMemory(entries({ ...FIXTURE_EN, ...orphan })));
    const before = readFileSync(file, "utf8");

    const dry = cli(root);
    expect(await dry.run("prune", "--dry-run")).toBe(0);
    expect(dry.out.join("")).toMatch(/1 unused entries would be removed/);
    expect(readFileSync(file, "utf8")).toBe(before);

    const real = cli(root);
    expect(await real.run("prune")).toBe(0);
    expect(real.out.join("")).toMatch(/Op 12 maart is de heer Ben Pompen overleden/);
    const after = parseMemory(readFileSync(file, "utf8"), file);
    expect(Object.keys(after).length).toBe(Object.keys(FIXTURE_EN).length);
    expect(Object.values(after).map((e) => e.source)).not.toContain(Object.keys(orphan)[0]);

    // Nothing left to prune: a second run changes nothing.
    const again = cli(root);
    expect(await again.run("prune")).toBe(0);
    expect(again.out.join("")).toMatch(/0 unused entries removed/);
  });
});

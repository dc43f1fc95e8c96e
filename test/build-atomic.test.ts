// A failed build leaves the previous output intact; a good one replaces it.
import { readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../pipeline/build.ts";
import { project, YAML } from "./build-helpers.ts";

describe("build atomicity", () => {
  it("a failing document leaves the previous output untouched", async () => {
    const root = project();
    const output = join(root, "output");
    const first = await build({ root, output, formats: ["md"] });
    expect(first.promoted).toBe(true);
    const before = readFileSync(join(output, "nl", "goed.md"), "utf8");
    const manifestBefore = readFileSync(join(output, "manifest.json"), "utf8");

    // Change the good source and add a broken one: the build must fail as a whole.
    writeFileSync(join(root, "source", "goed.txt"), "1 Inleiding\n\nEen andere tekst.\n");
    writeFileSync(join(root, "source", "kapot.txt"), Buffer.from([0x61, 0xff, 0xfe, 0x0a]));
    writeFileSync(join(root, "source", "kapot.yaml"), YAML);
    const second = await build({ root, output, formats: ["md"] });
    expect(second.promoted).toBe(false);
    const failed = second.documents.find((d) => d.slug === "kapot")!;
    expect(failed.error?.code).toBe("input:encoding");
    expect(failed.error?.format()).toMatch(/kapot\.txt:1: invalid UTF-8/);
    expect(readFileSync(join(output, "nl", "goed.md"), "utf8")).toBe(before);
    expect(readFileSync(join(output, "manifest.json"), "utf8")).toBe(manifestBefore);
    expect(readdirSync(output).filter((f) => f.startsWith(".staging"))).toEqual([]);
    // Nor beside it: no staging folder, no lock.
    expect(readdirSync(root).filter((f) => f.startsWith(".output."))).toEqual([]);
  });

  it("a malformed config fails the build with file and line", async () => {
    const root = project();
    writeFileSync(join(root, "source", "goed.yaml"), YAML.replace("kind: report", "kind: pamflet"));
    const r = await build({ root, output: join(root, "output"), formats: ["md"] });
    expect(r.promoted).toBe(false);
    expect(r.documents[0]!.error?.format()).toMatch(/goed\.yaml:1: kind/);
    expect(existsSync(join(root, "output", "nl"))).toBe(false);
  });
});

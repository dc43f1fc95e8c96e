// Incremental builds: unchanged files come from the cache, byte for byte what a build without it writes.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build, type BuildResult } from "../pipeline/build.ts";
import type { Manifest } from "../pipeline/publish/manifest.ts";
import { project, snapshot, TEXT, YAML } from "./build-helpers.ts";

const written = (r: BuildResult) =>
  r.documents
    .flatMap((d) => d.artefacts)
    .filter((a) => a.format !== "report" && !a.reused)
    .map((a) => a.path)
    .sort();

describe("incremental builds", () => {
  it("reuses unchanged files, rebuilds what a change touches, and gives the same bytes as a build without the cache", async () => {
    const root = project("tweeluik-incremental-", { copyLocales: true });
    const output = join(root, "output");
    // A second source: its text is part of the normaliser's corpus; only goed is built.
    writeFileSync(join(root, "source", "ander.txt"), "1 Ander\n\nEen andere bron, over de zorg.\n");
    writeFileSync(join(root, "source", "ander.yaml"), YAML);
    const opts = { root, output, formats: ["md", "epub"] as const, slugs: ["goed"] };
    const first = await build(opts);
    expect(first.promoted).toBe(true);
    expect(written(first)).toEqual(["en/goed.epub", "en/goed.md", "nl/goed.epub", "nl/goed.md"]);
    const cold = snapshot(output);

    // Nothing changed: every file reused, the same bytes, and the manifest says so.
    const again = await build(opts);
    expect(written(again)).toEqual([]);
    expect(snapshot(output)).toEqual(cold);
    const manifest = JSON.parse(readFileSync(join(output, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.artefacts.every((a) => a.reused === true)).toBe(true);

    // The document's translation memory changed: only its English editions are made again.
    writeFileSync(join(root, "locales", "en", "goed.json"), "{}\n");
    expect(written(await build(opts))).toEqual(["en/goed.epub", "en/goed.md"]);

    // Another document's memory is not an input of this one.
    writeFileSync(join(root, "locales", "en", "ander.json"), "{}\n");
    expect(written(await build(opts))).toEqual([]);

    // Another source's text is (the normaliser's evidence for line-end hyphens): both languages.
    writeFileSync(join(root, "source", "ander.txt"), "1 Ander\n\nEen andere bron, over de gezondheid.\n");
    expect(written(await build(opts))).toEqual(["en/goed.epub", "en/goed.md", "nl/goed.epub", "nl/goed.md"]);

    // The source text changed: both languages.
    writeFileSync(join(root, "source", "goed.txt"), `${TEXT}\n3 Slot\n\nDit is het slot.\n`);
    expect(written(await build(opts))).toEqual(["en/goed.epub", "en/goed.md", "nl/goed.epub", "nl/goed.md"]);
    const incremental = snapshot(output);

    // --force: everything made again, into a folder of its own: the same bytes as the cached build.
    const forcedOut = join(root, "forced");
    const forced = await build({ ...opts, output: forcedOut, force: true });
    expect(written(forced)).toEqual(["en/goed.epub", "en/goed.md", "nl/goed.epub", "nl/goed.md"]);
    expect(snapshot(forcedOut)).toEqual(incremental);
    expect(written(await build({ ...opts, force: true }))).toHaveLength(4);
  }, 300_000);
});

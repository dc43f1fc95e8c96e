// Incremental builds: unchanged files come from the cache, byte for byte what a build without it writes.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";
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

  it("makes the catalogue page's fonts once: a build into another output folder takes them from the cache", async () => {
    const root = project("tweeluik-page-fonts-", { copyLocales: true });
    const cacheDir = join(root, ".tweeluik-cache");
    const opts = { root, formats: ["md"] as const };
    expect((await build({ ...opts, output: join(root, "output") })).promoted).toBe(true);
    const entries = files(join(cacheDir, "page-fonts"));
    expect(entries).toHaveLength(1);
    const cached = deserialize(readFileSync(entries[0]!)) as Map<string, Uint8Array>;
    expect([...cached.keys()].sort()).toEqual(["assets/sans-400.woff2", "assets/sans-600.woff2", "assets/serif-400.woff2", "assets/serif-600.woff2"]);
    // (a cached entry that is not the fonts' own bytes shows where the second build took them from)
    const marked = new Map([...cached].map(([file, bytes]) => [file, Uint8Array.from([...bytes, 0])]));
    writeFileSync(entries[0]!, serialize(marked));
    expect((await build({ ...opts, output: join(root, "other") })).promoted).toBe(true);
    for (const [file, bytes] of marked) expect(new Uint8Array(readFileSync(join(root, "other", file)))).toEqual(bytes);
    rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it("removes cache entries no build used for the set number of days, and keeps those it used and young ones", async () => {
    const root = project("tweeluik-prune-", { copyLocales: true });
    const output = join(root, "output");
    const cacheDir = join(root, ".tweeluik-cache");
    const opts = { root, output, formats: ["md"] as const, cacheMaxAgeDays: 14 };
    expect((await build(opts)).promoted).toBe(true);
    const month = new Date(Date.now() - 30 * 86_400_000);
    // Every entry of the first build looks a month old; three more: old and unused, young and unused, an old unfinished write.
    const entries = files(cacheDir);
    for (const f of entries) utimesSync(f, month, month);
    // (in folders no entry of the build is in: a key's first two hex digits may be any, and the
    // pipeline's own code is part of every key, so a fixed folder is taken now and then)
    const taken = new Set(entries.map((f) => basename(dirname(f))));
    const [a, b, c] = [...Array(256).keys()].map((n) => n.toString(16).padStart(2, "0")).filter((p) => !taken.has(p));
    const stale = join(cacheDir, "artefacts", a!, `${a}0000.json`);
    const young = join(cacheDir, "artefacts", b!, `${b}0000.json`);
    const debris = join(cacheDir, "documents", c!, `${c}0000.v8.123.tmp`);
    for (const f of [stale, young, debris]) {
      mkdirSync(dirname(f), { recursive: true });
      writeFileSync(f, "{}\n");
    }
    utimesSync(stale, month, month);
    utimesSync(debris, month, month);

    const lines: string[] = [];
    const again = await build({ ...opts, log: (l) => lines.push(l) });
    expect(again.documents.flatMap((d) => d.artefacts).filter((a) => a.format === "md").every((a) => a.reused)).toBe(true);
    // What the build used (the Markdown files and reports it reused, the catalogue's record and page fonts) stays and is
    // young again; the young stranger stays; the old ones go, with their folders, and so does the
    // normalised document this build did not need (every file was reused).
    const used = entries.filter((f) => /[/\\](artefacts|reports|catalogue|page-fonts)[/\\]/.test(f));
    expect(used.length).toBeGreaterThanOrEqual(6);
    for (const f of used) expect(existsSync(f), f).toBe(true);
    expect(used.every((f) => statSync(f).mtimeMs > month.getTime() + 86_400_000)).toBe(true);
    const unused = entries.filter((f) => !used.includes(f));
    expect(unused.length).toBeGreaterThan(0);
    for (const f of unused) expect(existsSync(f), f).toBe(false);
    expect(existsSync(young)).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(dirname(stale))).toBe(false);
    expect(existsSync(debris)).toBe(false);
    expect(lines.join("\n")).toContain(`build cache: removed ${unused.length + 2} files`);
    // A third build finds nothing more to remove, and reuses every file still.
    const third: string[] = [];
    expect((await build({ ...opts, log: (l) => third.push(l) })).promoted).toBe(true);
    expect(third.join("\n")).not.toContain("build cache: removed");
    rmSync(root, { recursive: true, force: true });
  });
});

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

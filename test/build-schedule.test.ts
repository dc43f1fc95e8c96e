// The build runs steps, not documents, on its cores: the files of one document are written at the
// same time, and what it records is the same whichever write ends first.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { build } from "../pipeline/build.ts";
import { RenderPool } from "../pipeline/render-pdf/pool.ts";
import { project, snapshot, TEXT, YAML } from "./build-helpers.ts";

describe("build steps on every core", () => {
  it("writes one document's editions at the same time, and records the same as one step at a time", async () => {
    const root = project("tweeluik-schedule-");
    const started: { step: string; done: number }[] = [];
    const opts = { root, formats: ["epub"] as const, force: true };
    const wide = await build({ ...opts, output: join(root, "wide"), cacheDir: join(root, "c1"), concurrency: 2, progress: (_slug: string, step: string, done: number) => started.push({ step, done }) });
    expect(wide.promoted).toBe(true);
    // both EPUBs began before either was written (one at a time, the second would start at 3 of 4)
    expect(started.filter((s) => s.step.startsWith("epub"))).toEqual([
      { step: "epub nl", done: 2 },
      { step: "epub en", done: 2 },
    ]);
    const narrow = await build({ ...opts, output: join(root, "narrow"), cacheDir: join(root, "c2"), concurrency: 1 });
    expect(narrow.promoted).toBe(true);
    // the same files, reports (the writers' diagnostics in edition and format order) and manifest
    const manifest = (dir: string): unknown => JSON.parse(readFileSync(join(root, dir, "manifest.json"), "utf8"));
    expect(snapshot(join(root, "wide"))).toEqual(snapshot(join(root, "narrow")));
    expect(manifest("wide")).toEqual(manifest("narrow"));
    rmSync(root, { recursive: true, force: true });
  }, 120_000);
});

describe("preparing documents", () => {
  it("prepares one document at a time (one thread), while the other steps go on", async () => {
    const root = project("tweeluik-prepare-");
    writeFileSync(join(root, "source", "ander.txt"), TEXT.replace("korte tekst", "andere tekst"));
    writeFileSync(join(root, "source", "ander.yaml"), YAML);
    const steps: string[] = [];
    const r = await build({ root, formats: ["md"], force: true, output: join(root, "out"), cacheDir: join(root, "c"), concurrency: 2, progress: (slug: string, step: string) => steps.push(`${slug} ${step}`) });
    expect(r.promoted).toBe(true);
    // the second document's preparation starts when the first's has ended
    const second = steps.findIndex((s) => s.startsWith("goed "));
    expect(second).toBeGreaterThanOrEqual(3);
    expect(steps.slice(0, 3)).toEqual(["ander checking the cache", "ander normalise", "ander translate"]);
    rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it("prepares the next document as soon as one is prepared, not after its files are written", async () => {
    const root = project("tweeluik-prepare-first-");
    writeFileSync(join(root, "source", "ander.txt"), TEXT.replace("korte tekst", "andere tekst"));
    writeFileSync(join(root, "source", "ander.yaml"), YAML);
    const steps: string[] = [];
    // one step at a time: the first document's four files wait for the one core
    const r = await build({ root, formats: ["md", "epub"], force: true, output: join(root, "out"), cacheDir: join(root, "c"), concurrency: 1, progress: (slug: string, step: string) => steps.push(`${slug} ${step}`) });
    expect(r.promoted).toBe(true);
    expect(steps.indexOf("goed checking the cache")).toBeGreaterThan(steps.indexOf("ander translate"));
    expect(steps.indexOf("goed checking the cache")).toBeLessThan(steps.indexOf("ander epub en"));
    rmSync(root, { recursive: true, force: true });
  }, 120_000);
});

describe("writing a document's editions", () => {
  it("starts on the Dutch edition's files while the English document is being translated", async () => {
    const root = project("tweeluik-dutch-first-");
    const steps: string[] = [];
    // (when a document reaches the renderer processes)
    const render = RenderPool.prototype.render;
    const spy = vi.spyOn(RenderPool.prototype, "render").mockImplementation(function (this: RenderPool, doc) {
      steps.push(`render ${doc.lang}`);
      return render.call(this, doc);
    });
    try {
      const r = await build({ root, formats: ["pdf"], force: true, output: join(root, "out"), cacheDir: join(root, "c"), concurrency: 2, progress: (_slug: string, step: string) => steps.push(step) });
      expect(r.promoted).toBe(true);
      // the Dutch PDF is with its renderer before the translation holds this thread
      expect(steps).toEqual(["checking the cache", "normalise", "pdf nl", "render nl", "translate", "pdf en", "render en"]);
    } finally {
      spy.mockRestore();
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("renderer processes", () => {
  it("are one fewer than the steps a build runs at a time, at least one", async () => {
    const root = project("tweeluik-renderers-");
    writeFileSync(join(root, "source", "ander.txt"), TEXT.replace("korte tekst", "andere tekst"));
    writeFileSync(join(root, "source", "ander.yaml"), YAML);
    // (the pool's processes are started in `spawn`, one call each)
    const spawn = vi.spyOn(RenderPool.prototype as unknown as { spawn: () => unknown }, "spawn");
    try {
      for (const [concurrency, processes] of [[3, 2], [2, 1], [1, 1]] as const) {
        spawn.mockClear();
        const r = await build({ root, formats: ["pdf"], force: true, output: join(root, `out${concurrency}`), cacheDir: join(root, `c${concurrency}`), concurrency });
        expect(r.promoted).toBe(true);
        expect(spawn.mock.calls.length, `concurrency ${concurrency}`).toBe(processes);
      }
    } finally {
      spawn.mockRestore();
      rmSync(root, { recursive: true, force: true });
    }
  }, 240_000);
});

describe("catalogue covers", () => {
  it("are drawn as each EPUB is written, with pdftoppm at a lower priority, and not drawn again", async () => {
    const root = project("tweeluik-covers-");
    // A pdftoppm on PATH that notes its nice value, then runs the real one.
    const bin = join(root, "bin");
    const log = join(root, "pdftoppm.log");
    const real = execFileSync("sh", ["-c", "command -v pdftoppm"], { encoding: "utf8" }).trim();
    mkdirSync(bin);
    writeFileSync(join(bin, "pdftoppm"), `#!/bin/sh\nsleep 0.3\nnice >> "${log}"\nexec "${real}" "$@"\n`, { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      const r = await build({ root, formats: ["epub"], force: true, output: join(root, "out"), cacheDir: join(root, "c") });
      expect(r.promoted).toBe(true);
    } finally {
      process.env.PATH = path;
    }
    // two editions, two sizes each: drawn once, beside the build (nice 10), not by the catalogue
    expect(readFileSync(log, "utf8").trim().split("\n").map(Number)).toEqual([10, 10, 10, 10]);
    expect(readdirSync(join(root, "out", "covers", "nl")).sort()).toEqual(["goed.png", "goed.thumb.png"]);
    rmSync(root, { recursive: true, force: true });
  }, 120_000);
});

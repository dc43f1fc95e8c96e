/**
 * Defect tests for the patched pandoc-ts (patches/pandoc-ts+1.0.5.patch).
 * Each test fails against the published 1.0.5 (reverse the patch with
 * `npx patch-package pandoc-ts --reverse` to see it) and passes with the patch.
 * Real pandoc, no mocks. Tests that hang on the unpatched package race a
 * timer, so a regression fails instead of hanging.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { Pandoc, type PandocData } from "pandoc-ts";

const require = createRequire(import.meta.url);
const FONT = require.resolve("@expo-google-fonts/source-serif-4/400Regular/SourceSerif4_400Regular.ttf");

/** Reject if `p` has not settled within `ms` (the unpatched package never settles on failure). */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "pandoc-ts-test-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function text(data: PandocData, name: string): string {
  const v = data?.[name];
  if (typeof v !== "string") throw new Error(`expected string output ${name}`);
  return v;
}

describe("pandoc-ts (patched)", () => {
  it("keeps the published callback API working", async () => {
    const p = new Pandoc("markdown", [{ name: "html", format: "html" }]);
    const data = await within(
      new Promise<PandocData>((resolve, reject) => p.convert("*hi*", (d, err) => (err ? reject(err) : resolve(d)))),
      20_000,
    );
    expect(text(data, "html")).toBe("<p><em>hi</em></p>\n");
  }, 30_000);

  it("rejects with pandoc's own stderr message on a non-zero exit", async () => {
    const p = new Pandoc("markdown", [{ name: "out", format: "nosuchformat" }]);
    await expect(within(p.convertAsync("# x"), 20_000)).rejects.toThrow(/Unknown output format nosuchformat/);
  }, 30_000);

  it("drains stderr: thousands of warnings (about 2 MB) do not hang", async () => {
    // 30000 duplicate link definitions: one "[WARNING] Duplicate link reference" each.
    const md = Array.from({ length: 30_000 }, (_, i) => `[a]: /x${i}`).join("\n") + "\n\n[a]\n";
    let warnings = "";
    const p = new Pandoc("markdown", [{ name: "html", format: "html" }]);
    const data = await within(p.convertAsync(md, { onStderr: (s) => (warnings = s) }), 60_000);
    expect(text(data, "html")).toMatch(/<a href="\/x\d+">a<\/a>/);
    expect(warnings.length).toBeGreaterThan(1_000_000);
  }, 90_000);

  it("runs concurrent conversions on ONE instance without mixing their output", async () => {
    const p = new Pandoc("markdown", [{ name: "html", format: "html" }], { args: ["--wrap=none"] });
    const words = Array.from({ length: 12 }, (_, i) => `word${i}`);
    // Long enough inputs that outputs arrive in several chunks while the others run.
    const inputs = words.map((w) => Array.from({ length: 4000 }, () => w).join(" "));
    const results = await within(Promise.all(inputs.map((md) => p.convertAsync(md))), 60_000);
    results.forEach((data, i) => {
      expect(text(data, "html")).toBe(`<p>${inputs[i]}</p>\n`);
    });
  }, 90_000);

  it("passes extra CLI arguments: --toc (instance) and --epub-embed-font (per call)", async () => {
    const html = new Pandoc("markdown", [{ name: "html", format: "html" }], {
      args: ["--standalone", "--toc", "--metadata=title:T"],
    });
    const out = text(await within(html.convertAsync("# One\n\n# Two\n"), 20_000), "html");
    expect(out).toMatch(/<nav id="TOC"/);

    const epub = new Pandoc("markdown", [{ name: "epub", format: "epub3", outBin: true }]);
    const data = await within(
      epub.convertAsync("# One\n\ntext\n", { args: ["--metadata=title:T", `--epub-embed-font=${FONT}`] }),
      30_000,
    );
    const bytes = data?.epub;
    expect(Buffer.isBuffer(bytes)).toBe(true);
    const names = Object.keys(unzipSync(new Uint8Array(bytes as Buffer)));
    expect(names).toContain("EPUB/fonts/SourceSerif4_400Regular.ttf");
  }, 60_000);

  it("resolves relative input and output paths against its cwd, not process.cwd()", async () => {
    const home = tmp();
    const elsewhere = tmp();
    writeFileSync(join(home, "in.md"), "# Relative\n");
    const p = new Pandoc("markdown", [{ name: "html", format: "html", fname: "out.html" }], { cwd: home });
    const before = process.cwd();
    process.chdir(elsewhere);
    try {
      const data = await within(p.convertFileAsync("in.md"), 20_000);
      expect(data?.html).toBe(join(home, "out.html"));
    } finally {
      process.chdir(before);
    }
    expect(readFileSync(join(home, "out.html"), "utf8")).toContain("Relative");
    expect(existsSync(join(elsewhere, "out.html"))).toBe(false);
  }, 30_000);

  it("takes stdin input as a Buffer, e.g. a JSON AST with -f json", async () => {
    const ast = {
      "pandoc-api-version": [1, 22],
      meta: {},
      blocks: [{ t: "Para", c: [{ t: "Str", c: "piped" }] }],
    };
    const p = new Pandoc("json", [{ name: "html", format: "html" }]);
    const data = await within(p.convertAsync(Buffer.from(JSON.stringify(ast))), 20_000);
    expect(text(data, "html")).toBe("<p>piped</p>\n");
  }, 30_000);

  it("rejects (does not crash) when the executable is missing", async () => {
    const p = new Pandoc("markdown", [{ name: "html", format: "html" }], { pandocPath: "/nonexistent/pandoc" });
    await expect(within(p.convertAsync("x"), 20_000)).rejects.toThrow(/ENOENT/);
  }, 30_000);

  it("runs pandoc at the priority asked for, per instance or per call, and refuses one out of range", async () => {
    // A stand-in for pandoc that reads its input, then prints its own nice value
    // (the priority is set right after the process starts, before its input is written).
    const dir = tmp();
    const fake = join(dir, "pandoc");
    writeFileSync(fake, "#!/bin/sh\ncat >/dev/null\nnice\n", { mode: 0o755 });
    const own = Number(execFileSync("nice", { encoding: "utf8" }));
    const lower = Math.min(19, own + 7);
    const niceness = async (instance: object, call?: object): Promise<number> => {
      const p = new Pandoc("markdown", [{ name: "out", format: "html" }], { pandocPath: fake, ...instance });
      return Number(text(await within(p.convertAsync("x", call), 20_000), "out"));
    };
    expect(await niceness({})).toBe(own);
    expect(await niceness({ priority: lower })).toBe(lower);
    expect(await niceness({}, { priority: lower })).toBe(lower);
    expect(() => new Pandoc("markdown", [{ name: "out", format: "html" }], { priority: 20 })).toThrow(/priority/);
  }, 30_000);
});

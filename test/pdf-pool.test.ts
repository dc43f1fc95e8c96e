// The PDF writer's warm renderer processes (pipeline/render-pdf/pool.ts): a process renders one
// document after another, with the same bytes as a fresh process; a process that dies takes only
// its own document; processes are replaced after their share of documents; idle ones do not keep
// the parent alive.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RenderableDocument } from "../pipeline/document/types.ts";
import { fromMarkdown } from "../pipeline/markdown/from-markdown.ts";
import { RenderPool } from "../pipeline/render-pdf/pool.ts";
import { layoutAndRender } from "../pipeline/render-pdf/render.ts";
import { sampleDoc } from "./fixtures/pdf/sample.ts";

const doc = (title: string, body: string): RenderableDocument =>
  fromMarkdown(`---\ntitle: "${title}"\nkind: report\ndate: "2024-05-01"\n---\n${body}\n`, `${title}.md`) as RenderableDocument;

// The first text this one sets in the body face reaches the space glyph through a no-break space
// (its title has no space at all).
const FIRST = doc("Eerst", "Dinsdag\u00a027 januari vergaderde de raad.");
const THEN = doc(
  "Daarna",
  "# Aanwezig\n\nPutters (voorzitter), Ait Abderrahman, Den Boer, Boufangacha, Ten Dam, Elzinga, Fortuin, Gerbrandy, Ghorashi, De Groot, Van der Ham, Hasekamp, Henrar, Van den Heuvel, Van Holstein, Houweling, Jong, Knoef, Kroes, Van der Laan.",
);

const pools: RenderPool[] = [];
const pool = (opts: ConstructorParameters<typeof RenderPool>[0] = {}): RenderPool => {
  const p = new RenderPool({ size: 1, ...opts });
  pools.push(p);
  return p;
};
afterEach(() => {
  for (const p of pools.splice(0)) p.close();
});

describe("renderer processes", () => {
  it("render a document in a warm process to the same bytes as in a fresh one", async () => {
    const fresh = await pool().render(THEN);
    const warm = pool();
    await warm.render(FIRST);
    await warm.render(sampleDoc("en", "minutes"));
    const after = await warm.render(THEN);
    expect(warm.started).toBe(1);
    expect(Buffer.compare(after.pdf, fresh.pdf)).toBe(0);
  });

  it("load the renderer bundled into one module, not through tsx's loader, and render the same bytes as this process", async () => {
    const p = pool();
    p.warm();
    const [pid] = p.processes();
    const pooled = await p.render(THEN);
    // (the process was started with no loader: a plain Node running the launcher, which loaded the bundle)
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    expect(cmdline.some((a) => a.endsWith("child-launch.mjs"))).toBe(true);
    expect(cmdline.join(" ")).not.toMatch(/tsx/);
    expect(readdirSync(resolve("node_modules/.cache/tweeluik")).some((f) => /^render-child-[0-9a-f]{16}\.mjs$/.test(f))).toBe(true);
    const here = await layoutAndRender(THEN);
    expect(Buffer.compare(pooled.pdf, here.pdf)).toBe(0);
  });

  it("lose only the document of a process that dies; the next render gets a fresh process", async () => {
    const p = pool();
    const rendering = p.render(sampleDoc("nl", "advice"));
    const pids = p.processes();
    expect(pids).toHaveLength(1);
    process.kill(pids[0]!, "SIGKILL");
    await expect(rendering).rejects.toThrow(/renderer process ended \(SIGKILL\) without a PDF/);
    const next = await p.render(FIRST);
    expect(next.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(p.started).toBe(2);
  });

  it("are handed the next document while they render one, and one that dies gives the document waiting in it to a fresh process", async () => {
    const p = pool();
    const first = p.render(sampleDoc("nl", "advice"));
    const second = p.render(THEN);
    // (both sent to the one process: the second waits in it, not in the pool's queue)
    const inFlight = () => [...(p as unknown as { workers: Set<{ jobs: unknown[] }> }).workers].map((w) => w.jobs.length);
    expect(inFlight()).toEqual([2]);
    process.kill(p.processes()[0]!, "SIGKILL");
    await expect(first).rejects.toThrow(/renderer process ended \(SIGKILL\) without a PDF/);
    const after = await second;
    expect(after.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(p.started).toBe(2);
    // in order, one at a time, the same bytes as one by one
    const a = p.render(FIRST);
    const b = p.render(THEN);
    const [ra, rb] = await Promise.all([a, b]);
    expect(Buffer.compare(rb.pdf, after.pdf)).toBe(0);
    expect(Buffer.compare(ra.pdf, (await pool().render(FIRST)).pdf)).toBe(0);
  });

  it("start ahead of the documents when warmed, and are used for them", async () => {
    const p = pool({ size: 2 });
    p.warm();
    expect(p.processes()).toHaveLength(2);
    await p.render(FIRST);
    expect(p.started).toBe(2);
    p.close();
    await expect.poll(() => p.processes(), { timeout: 10_000 }).toEqual([]);
  });

  it("are replaced after a render that failed in them", async () => {
    const p = pool();
    const broken = { ...FIRST, children: null } as unknown as RenderableDocument;
    await expect(p.render(broken)).rejects.toThrow();
    const next = await p.render(FIRST);
    expect(next.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(p.started).toBe(2);
  });

  it("are replaced after their share of documents", async () => {
    const p = pool({ maxDocuments: 1 });
    await p.render(FIRST);
    await p.render(FIRST);
    expect(p.started).toBe(2);
  });

  it("stop a render that takes too long, with its process", async () => {
    const p = pool({ timeoutMs: 200 });
    await expect(p.render(sampleDoc("nl", "advice"))).rejects.toThrow(/longer than 0.2 s/);
    await expect.poll(() => p.processes(), { timeout: 5_000 }).toEqual([]);
  });

  it("do not keep the process that started them alive once it has its PDFs", () => {
    // Idle processes end after 30 s by themselves: a parent that waited for them would take that long.
    const script = `import { RenderPool } from ${JSON.stringify(resolve("pipeline/render-pdf/pool.ts"))};
      const p = new RenderPool({ size: 1 });
      const r = await p.render(${JSON.stringify(FIRST)});
      console.log(r.pdf.length > 0 ? "rendered" : "empty");`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 25_000 });
    expect(r.error, r.stderr).toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe("rendered");
  });
});

// Incremental builds: `npm run bench:incremental [SLUG…]`.
// In a copy of the project (sources and memory copied; the checkout is never written), times
//   1. a cold build (empty cache),
//   2. a rebuild with nothing changed (target ≤ 0.5 s for the five sources, every file reused),
//   3. a rebuild after one changed translation memory entry (target: only that document's
//      English editions written),
// and checks that files taken from the cache are byte for byte those of a build without it.
// Prints figures; exit 1 when a target is missed. Tests never time.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { build, type BuildResult } from "../pipeline/build.ts";
import { listSlugs } from "../pipeline/config/sources.ts";
import { sha256 } from "../pipeline/publish/files.ts";

const TARGET_NO_CHANGE_S = 0.5;
const checkout = process.cwd();
const slugs = process.argv.slice(2).length ? process.argv.slice(2) : listSlugs(checkout);

const root = mkdtempSync(join(tmpdir(), "tweeluik-bench-incremental-"));
mkdirSync(join(root, "source"));
for (const s of slugs) for (const ext of [".txt", ".yaml"]) cpSync(join(checkout, "source", `${s}${ext}`), join(root, "source", `${s}${ext}`));
cpSync(join(checkout, "locales"), join(root, "locales"), { recursive: true });
symlinkSync(join(checkout, "templates"), join(root, "templates"));
const output = join(root, "output");

async function timed(label: string, opts: { force?: boolean; slugs?: string[]; output?: string } = {}): Promise<{ s: number; r: BuildResult }> {
  const t0 = performance.now();
  const r = await build({ root, output: opts.output ?? output, force: opts.force, slugs: opts.slugs });
  const s = (performance.now() - t0) / 1000;
  if (!r.promoted) throw new Error(`${label}: the build failed: ${r.documents.map((d) => d.error?.format()).filter(Boolean).join("; ")}`);
  return { s, r };
}

/** Written and reused files (reports left out) by edition. */
function summary(r: BuildResult): { written: string[]; reused: number; total: number } {
  const files = r.documents.flatMap((d) => d.artefacts).filter((a) => a.format !== "report");
  return { written: files.filter((a) => !a.reused).map((a) => a.path), reused: files.filter((a) => a.reused).length, total: files.length };
}

/** Every published file's digest, manifest.json left out (its `reused` flags say how each file was made). */
function digests(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      if (name.isDirectory()) walk(join(d, name.name), `${rel}${name.name}/`);
      else if (`${rel}${name.name}` !== "manifest.json") out.set(`${rel}${name.name}`, sha256(readFileSync(join(d, name.name))));
    }
  };
  walk(dir, "");
  return out;
}

function differing(a: Map<string, string>, b: Map<string, string>, only?: (path: string) => boolean): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => (!only || only(p)) && a.get(p) !== b.get(p)).sort();
}

let missed = 0;
const line = (s: string) => console.log(s);
try {
  line(`project copy ${root}: ${slugs.length} sources, all formats, both languages`);
  const cold = await timed("cold");
  const coldFiles = digests(output);
  line(`cold build (empty cache)          ${cold.s.toFixed(2)} s   ${summary(cold.r).written.length} files written`);

  // Three times: the median (the first also warms the disk cache).
  const runs = [await timed("no change"), await timed("no change"), await timed("no change")];
  const again = [...runs].sort((x, y) => x.s - y.s)[1]!;
  const a = summary(again.r);
  const noChangeOk = again.s <= TARGET_NO_CHANGE_S && a.written.length === 0;
  if (!noChangeOk) missed++;
  line(`rebuild, nothing changed          ${again.s.toFixed(2)} s (median of ${runs.map((r) => r.s.toFixed(2)).join(", ")})   ${a.written.length} written, ${a.reused} reused   target ≤ ${TARGET_NO_CHANGE_S} s, 0 written${noChangeOk ? "" : "   MISSED"}`);
  line(`  ratio to the cold build         ${(again.s / cold.s).toFixed(4)}`);
  const t0 = performance.now();
  const cli = spawnSync(process.execPath, [resolve("pipeline/bin/tweeluik.mjs"), "build", "--root", root, "--output", output], { encoding: "utf8" });
  const wall = (performance.now() - t0) / 1000;
  const cliS = Number(/built \d+ documents in ([\d.]+) s/.exec(cli.stderr)?.[1] ?? NaN);
  line(`  the same through the CLI        ${cliS.toFixed(2)} s inside the build, ${wall.toFixed(2)} s with Node and module start-up`);
  const sameAsCold = differing(coldFiles, digests(output));
  if (sameAsCold.length) missed++;
  line(`  files differing from the cold build: ${sameAsCold.length}${sameAsCold.length ? ` MISSED (${sameAsCold.join(", ")})` : ""}`);

  // One changed translation: the first entry of the first document's memory.
  const slug = slugs[0]!;
  const memoryFile = join(root, "locales", "en", `${slug}.json`);
  const memory = JSON.parse(readFileSync(memoryFile, "utf8")) as Record<string, { target: string }>;
  const [key, entry] = Object.entries(memory)[0]!;
  entry.target = entry.target.replace(/\.$/, "") + " (revised).";
  writeFileSync(memoryFile, `${JSON.stringify(memory, null, 2)}\n`);
  const changed = await timed("memory changed");
  const c = summary(changed.r);
  const editions = new Set(c.written.filter((p) => /\.(pdf|epub)$/.test(p)));
  const expected = [`en/${slug}.epub`, `en/${slug}.pdf`];
  const changedOk = editions.size === 2 && expected.every((p) => editions.has(p)) && c.written.every((p) => p.startsWith(`en/${slug}.`));
  if (!changedOk) missed++;
  line(`rebuild, 1 memory entry changed   ${changed.s.toFixed(2)} s   editions written: ${[...editions].join(", ") || "none"} (+ ${c.written.length - editions.size} Markdown); ${c.reused} reused   target: ${expected.join(", ")} only${changedOk ? "" : "   MISSED"}`);
  line(`  (entry ${key} of locales/en/${slug}.json)`);

  // The same inputs built without the cache, into a folder of its own: the same bytes.
  const forcedOut = join(root, "output-forced");
  const forced = await timed("forced", { force: true, slugs: [slug], output: forcedOut });
  const f = summary(forced.r);
  const diff = differing(digests(output), digests(forcedOut), (p) => p.includes(`/${slug}.`));
  if (diff.length) missed++;
  line(`build --force of ${slug}: ${forced.s.toFixed(2)} s, ${f.written.length} written; files differing from the incremental build: ${diff.length}${diff.length ? ` MISSED (${diff.join(", ")})` : ""}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
line(missed ? `${missed} targets missed` : "all targets met");
process.exitCode = missed ? 1 : 0;

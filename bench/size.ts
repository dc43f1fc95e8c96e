// Input size: `npm run bench:size [-- --full]`.
// Sources are made of the corpus's texts (pdftotext default, form feeds between pages), in a
// temporary project. Prints, with the peak RSS of each process:
//   1. the text stages (read → normalise → translate → Markdown) at 0.25, 1 and 2 MB, called
//      directly, past the source limit, to show they are linear: seconds per MB at each size,
//      target within 1.5× of the 1 MB figure;
//   2. `tweeluik build` on 1, 10 and 50 MB sources: refused at the documented limit
//      (pipeline/read/limits.ts), in well under a second, with one line;
//   3. with --full, `tweeluik build` (every edition) at 62.5, 125 and 250 kB, the limit: what
//      sets it (react-pdf's time and memory grow faster than the text).
// Exit 1 when a target is missed. Tests never time.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { MAX_SOURCE_TEXT_BYTES } from "../pipeline/read/limits.ts";

const checkout = process.cwd();
const full = process.argv.includes("--full");
const work = mkdtempSync(join(tmpdir(), "tweeluik-bench-size-"));
const texts = readdirSync(join(checkout, "bench/corpus/txt/latex-article.default"))
  .filter((f) => /^[ab]-.*\.txt$/.test(f))
  .sort()
  .map((f) => readFileSync(join(checkout, "bench/corpus/txt/latex-article.default", f), "utf8"));

/** A project with one source `big` of about `bytes` bytes. */
function project(name: string, bytes: number): string {
  const root = join(work, name);
  mkdirSync(join(root, "source"), { recursive: true });
  symlinkSync(join(checkout, "locales"), join(root, "locales"));
  const parts: string[] = [];
  for (let n = 0, i = 0; n < bytes; i++) {
    const t = texts[i % texts.length]!;
    parts.push(t);
    n += Buffer.byteLength(t) + 1;
  }
  writeFileSync(join(root, "source", "big.txt"), parts.join("\f"));
  writeFileSync(join(root, "source", "big.yaml"), 'kind: report\ntitle: { nl: "Groot document", en: "Large document" }\ndate: "2025-01-01"\npublisher: SER\n');
  return root;
}

/** Runs a command under GNU time: wall seconds, peak RSS in MB, its output. */
function timed(cmd: string[]): { s: number; mb: number; status: number; stderr: string; stdout: string } {
  const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %M", ...cmd], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const m = /TIME ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? "");
  return { s: Number(m?.[1] ?? NaN), mb: Number(m?.[2] ?? NaN) / 1024, status: r.status ?? -1, stderr: (r.stderr ?? "").replace(/TIME [\d.]+ \d+\s*$/, ""), stdout: r.stdout ?? "" };
}

let missed = 0;
try {
  // 1. Text stages, past the limit.
  console.log("text stages (read, normalise, translate, Markdown), called directly:");
  const perMb: number[] = [];
  for (const mb of [0.25, 1, 2]) {
    const root = project(`text-${mb}`, mb * 1e6);
    const r = timed([process.execPath, "--import", "tsx", resolve(checkout, "bench/size-stages.ts"), root]);
    if (r.status !== 0) throw new Error(`text stages at ${mb} MB failed: ${r.stderr.trim()}`);
    const stages = JSON.parse(r.stdout.trim().split("\n").pop()!) as { total: number; stages: Record<string, number> };
    perMb.push(stages.total / mb);
    console.log(`  ${mb} MB: ${stages.total.toFixed(1)} s (${Object.entries(stages.stages).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(", ")}), ${(stages.total / mb).toFixed(1)} s per MB, peak RSS ${r.mb.toFixed(0)} MB`);
  }
  const base = perMb[1]!;
  for (const [i, mb] of [0.25, 1, 2].entries()) {
    if (mb === 1) continue;
    const ratio = perMb[i]! / base;
    const over = mb > 1 && ratio > 1.5;
    if (over) missed++;
    console.log(`  ${mb} MB per MB / 1 MB per MB: ${ratio.toFixed(2)}${mb > 1 ? ` (target 1.5)${over ? " MISSED" : ""}` : ""}`);
  }

  // 2. Builds over the limit: refused.
  console.log(`\ntweeluik build over the limit (${MAX_SOURCE_TEXT_BYTES / 1000} kB):`);
  for (const mb of [1, 10, 50]) {
    const root = project(`refuse-${mb}`, mb * 1e6);
    const r = timed([process.execPath, resolve(checkout, "pipeline/bin/tweeluik.mjs"), "build", "--root", root, "--format", "md"]);
    const line = r.stderr.split("\n").find((l) => l.includes("input:too-large"));
    const ok = r.status === 1 && line !== undefined && r.s < 5;
    if (!ok) missed++;
    console.log(`  ${mb} MB: exit ${r.status} in ${r.s.toFixed(2)} s, peak RSS ${r.mb.toFixed(0)} MB: ${line?.trim() ?? "(no refusal)"}${ok ? "" : " MISSED"}`);
  }

  // 3. Full builds up to the limit.
  if (full) {
    console.log("\ntweeluik build, every edition, up to the limit:");
    for (const kb of [62.5, 125, 250]) {
      const root = project(`build-${kb}`, kb * 1000 - 2000);
      const r = timed([process.execPath, resolve(checkout, "pipeline/bin/tweeluik.mjs"), "build", "--root", root, "--force"]);
      console.log(`  ${kb} kB: exit ${r.status} in ${r.s.toFixed(1)} s (${((r.s / kb) * 1000).toFixed(0)} s per MB), peak RSS ${r.mb.toFixed(0)} MB`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(missed ? `\n${missed} targets missed` : "\nall targets met");
process.exitCode = missed ? 1 : 0;

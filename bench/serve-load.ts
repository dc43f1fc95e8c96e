/**
 * Load on `tweeluik serve`, on loopback only: `npx tsx bench/serve-load.ts
 * [--clients 50] [--seconds 20]`. Builds a small output (test/serve-fixture.ts),
 * starts the server as its own process (the CLI), and has the clients download
 * EPUBs and PDFs over keep-alive connections, first for a quarter of the time
 * with nothing else running, then while builds of changed sources swap the
 * output folder again and again (one source changed each time, EPUBs only,
 * each build in its own process; the phase goes on until at least two
 * builds have swapped the output, at most six times its length). Every body's
 * SHA-256 must be that of the file in the manifest of one of the builds, and
 * its length the Content-Length sent: no partial and no mixed file. Prints
 * p50/p99 latency per phase and their ratio (busy / quiet, same run); exit 1
 * when any body was wrong or any request failed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "../pipeline/build.ts";
import type { Manifest } from "../pipeline/publish/manifest.ts";
import { buildFixture } from "../test/serve-fixture.ts";

const CHANGED = "rapport-werk-2024";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "50" },
    seconds: { type: "string", default: "20" },
    // Internal: one rebuild of ROOT into OUTPUT (run as a child process).
    rebuild: { type: "string" },
  },
});

if (values.rebuild) {
  const [root, output] = values.rebuild.split("::") as [string, string];
  // EPUBs only (the PDF renderer is the slow part): the build still swaps the whole output folder.
  const r = await build({ root, output, formats: ["epub"], concurrency: 1, cacheDir: join(root, ".cache"), publishDrafts: true });
  process.exit(r.promoted ? 0 : 1);
}

const clients = Number(values.clients);
const seconds = Number(values.seconds);
if (!(Number.isInteger(clients) && clients >= 1 && clients <= 200)) throw new TypeError("Expected `--clients` to be a whole number from 1 to 200");
if (!(seconds >= 2 && seconds <= 120)) throw new TypeError("Expected `--seconds` from 2 to 120");

const fx = await buildFixture();
const known = new Map<string, Set<string>>();
const remember = (m: Manifest) => {
  for (const a of m.artefacts) {
    if (!known.has(a.path)) known.set(a.path, new Set());
    known.get(a.path)!.add(a.sha256);
  }
};
remember(fx.manifest);
const paths = fx.manifest.artefacts.filter((a) => (a.format === "epub" || a.format === "pdf") && !a.path.startsWith("members/")).map((a) => a.path);

// The server as a user runs it.
const cli = resolve("pipeline/bin/tweeluik.mjs");
const server: ChildProcess = spawn(process.execPath, [cli, "serve", "--output", fx.output, "--members", join(fx.root, "members.json"), "--host", "127.0.0.1", "--port", "0", "--quiet"], { stdio: ["ignore", "ignore", "pipe"] });
const base = await new Promise<string>((done, fail) => {
  let err = "";
  server.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
    const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
    if (m) done(m[1]!);
  });
  server.on("exit", (code) => fail(new Error(`server exited (${code}): ${err}`)));
});
const port = Number(new URL(base).port);

interface Sample {
  ms: number;
  ok: boolean;
  why?: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: clients });
function fetchOne(path: string): Promise<Sample & { path: string; sha?: string }> {
  const started = performance.now();
  return new Promise((done) => {
    const req = request({ host: "127.0.0.1", port, path: `/${path}`, agent }, (res) => {
      const hash = createHash("sha256");
      let n = 0;
      res.on("data", (c: Buffer) => {
        hash.update(c);
        n += c.length;
      });
      res.on("end", () => {
        const ms = performance.now() - started;
        if (res.statusCode !== 200) return done({ path, ms, ok: false, why: `status ${res.statusCode}` });
        if (Number(res.headers["content-length"]) !== n) return done({ path, ms, ok: false, why: `length ${n} of ${res.headers["content-length"]}` });
        done({ path, ms, ok: true, sha: hash.digest("hex") });
      });
      res.on("error", (e) => done({ path, ms: performance.now() - started, ok: false, why: e.message }));
    });
    req.on("error", (e) => done({ path, ms: performance.now() - started, ok: false, why: e.message }));
    req.end();
  });
}

/** Every client downloads one file after another for `ms`, and on until `more()` says enough (at most six times `ms`). */
async function phase(ms: number, more: () => boolean = () => false): Promise<(Sample & { path: string; sha?: string })[]> {
  const started = Date.now();
  const go = () => Date.now() < started + ms || (more() && Date.now() < started + 6 * ms);
  const out: (Sample & { path: string; sha?: string })[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      let k = i;
      while (go()) out.push(await fetchOne(paths[k++ % paths.length]!));
    }),
  );
  return out;
}

// Builds that change what they publish: each appends a sentence to one source, whose EPUBs change.
let builds = 0;
let swaps = 0;
let building = false;
async function rebuildLoop(): Promise<void> {
  while (building) {
    builds++;
    appendFileSync(join(fx.root, "source", `${CHANGED}.txt`), `\nDeze zin is toegevoegd bij bouw ${builds}.\n`);
    const child = spawn(process.execPath, ["--import", "tsx", new URL(import.meta.url).pathname, "--rebuild", `${fx.root}::${fx.output}`], { stdio: "inherit" });
    const code = await new Promise<number | null>((d) => child.on("exit", d));
    if (code !== 0) throw new Error(`rebuild ${builds} failed (${code})`);
    if (building) swaps++;
    remember(JSON.parse(readFileSync(join(fx.output, "manifest.json"), "utf8")) as Manifest);
  }
}

await phase(2000); // warm-up, not counted
const quiet = await phase((seconds * 1000) / 4);
building = true;
const rebuilds = rebuildLoop();
// On until at least two builds have swapped the output under the clients.
const busy = await phase(seconds * 1000, () => swaps < 2);
building = false;
await rebuilds;
server.kill("SIGTERM");
agent.destroy();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
let bad = 0;
for (const [name, samples] of [
  ["quiet", quiet],
  ["busy", busy],
] as const) {
  const failed = samples.filter((s) => !s.ok);
  const mixed = samples.filter((s) => s.ok && !known.get(s.path)?.has(s.sha!));
  bad += failed.length + mixed.length;
  const ms = samples.map((s) => s.ms);
  const mb = samples.filter((s) => s.ok).length;
  console.log(
    `${name.padEnd(5)} ${String(samples.length).padStart(6)} downloads  p50 ${pct(ms, 50).toFixed(1)} ms  p99 ${pct(ms, 99).toFixed(1)} ms  failed ${failed.length}  not in any manifest ${mixed.length}  (${mb} ok)`,
  );
  for (const s of [...failed, ...mixed].slice(0, 5)) console.log(`  ${s.path}: ${s.why ?? "sha256 of no build"}`);
}
console.log(`builds that swapped the output while clients were downloading: ${swaps} (of ${builds})`);
if (swaps === 0) bad++;
console.log(`p50 busy/quiet ${(pct(busy.map((s) => s.ms), 50) / pct(quiet.map((s) => s.ms), 50)).toFixed(2)}  p99 busy/quiet ${(pct(busy.map((s) => s.ms), 99) / pct(quiet.map((s) => s.ms), 99)).toFixed(2)}`);
rmSync(fx.root, { recursive: true, force: true });
process.exit(bad ? 1 : 0);

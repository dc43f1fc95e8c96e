// A build stopped at any moment (SIGKILL, SIGTERM) leaves the previous complete output, nothing
// else in it, no process behind, and the next build succeeds and cleans up after it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Manifest } from "../pipeline/publish/manifest.ts";
import { ended, project, sha256, sleep, snapshot, startCli, taggedProcesses, TEXT, tree } from "./build-helpers.ts";

/** output/ is one complete build: every manifest entry matches its file, and no staging, temporary or hidden file is in it. */
function expectComplete(output: string): void {
  const manifest = JSON.parse(readFileSync(join(output, "manifest.json"), "utf8")) as Manifest;
  expect(manifest.artefacts.length).toBeGreaterThan(0);
  for (const a of manifest.artefacts) expect(sha256(readFileSync(join(output, a.path))), a.path).toBe(a.sha256);
  const stray = tree(output).filter((f) => f.split("/").some((part) => part.startsWith(".")) || /staging|\.tmp$/.test(f));
  expect(stray).toEqual([]);
}

async function waitUntilGone(tag: string, ms: number): Promise<number[]> {
  const until = Date.now() + ms;
  let left = taggedProcesses(tag);
  while (left.length && Date.now() < until) {
    await sleep(200);
    left = taggedProcesses(tag);
  }
  return left;
}

/** What killed builds may leave for the next build to remove: staging and parked folders, the lock, EPUB work folders. */
function debris(root: string, pids: number[]): string[] {
  const beside = readdirSync(root).filter((f) => f.startsWith(".output."));
  const temp = readdirSync(tmpdir()).filter((f) => pids.some((pid) => f.startsWith(`tweeluik-epub-${pid}-`)));
  return [...beside, ...temp];
}

describe("a build stopped at a random moment", () => {
  it("leaves the previous output whole, and the next build leaves no debris (SIGKILL, SIGTERM)", async () => {
    const root = project("tweeluik-kill-");
    const output = join(root, "output");
    const args = ["build", "--root", root, "--output", output, "--format", "md,epub", "--concurrency", "1"];
    const t0 = Date.now();
    const first = await ended(startCli(args, `kill-${process.pid}-0`));
    const full = Date.now() - t0;
    expect(first.code, first.stderr).toBe(0);
    expectComplete(output);
    let previous = snapshot(output);
    const killed: number[] = [];

    const signals: NodeJS.Signals[] = ["SIGKILL", "SIGTERM", "SIGKILL", "SIGTERM"];
    for (const [i, signal] of signals.entries()) {
      // A change in every round, so the build has work to do (and new output to swap in).
      writeFileSync(join(root, "source", "goed.txt"), `${TEXT}\n${i + 3} Ronde\n\nDit is ronde ${i + 1} van de proef.\n`);
      const tag = `kill-${process.pid}-${i + 1}`;
      const child = startCli(args, tag);
      const done = ended(child);
      // Anywhere from start-up (the handlers are not installed yet) to after the swap.
      const delay = Math.round(Math.random() * full * 1.1);
      await sleep(delay);
      child.kill(signal);
      const r = await done;
      killed.push(child.pid!);
      const why = `${signal} after ${delay} ms of ~${full} ms: ${r.stderr.slice(-400)}`;
      if (signal === "SIGTERM" && r.code !== null && r.code !== 0) {
        // Caught: cleaned up before exiting 143, nothing left beside the output.
        expect(r.code, why).toBe(143);
        expect(debris(root, [child.pid!]), why).toEqual([]);
      }
      expect(await waitUntilGone(tag, 10_000), `processes of the stopped build (${why})`).toEqual([]);

      // The output is a complete build: the previous one, or this one if it got to the swap.
      expectComplete(output);
      const after = snapshot(output);

      const next = await ended(startCli(args, `${tag}-next`));
      expect(next.code, next.stderr).toBe(0);
      expectComplete(output);
      const rebuilt = snapshot(output);
      expect([previous, rebuilt], why).toContainEqual(after);
      expect(debris(root, killed), why).toEqual([]);
      expect(existsSync(join(root, ".output.lock"))).toBe(false);
      previous = rebuilt;
    }
  }, 300_000);

  it("a PDF render process ends when its build is killed", async () => {
    const root = project("tweeluik-kill-pdf-");
    const tag = `kill-pdf-${process.pid}`;
    const child = startCli(["build", "--root", root, "--output", join(root, "output"), "--format", "pdf", "--concurrency", "1"], tag);
    const done = ended(child);
    // Wait for the render process (a second tagged process beside the build).
    const until = Date.now() + 60_000;
    while (taggedProcesses(tag).filter((p) => p !== child.pid).length === 0 && Date.now() < until) await sleep(100);
    const renderers = taggedProcesses(tag).filter((p) => p !== child.pid);
    expect(renderers.length).toBeGreaterThan(0);
    child.kill("SIGKILL");
    await done;
    expect(await waitUntilGone(tag, 15_000)).toEqual([]);
    expect(existsSync(join(root, "output"))).toBe(false);
  }, 120_000);
});

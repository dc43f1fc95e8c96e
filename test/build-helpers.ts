// A small project for build tests: one short source beside the checkout's locales and templates.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const YAML = `kind: report
title: { nl: "Proef", en: "Trial" }
date: "2024-05-01"
publisher: Tweeluik
`;

export const TEXT = "1 Inleiding\n\nDit is een korte tekst over gezondheid en werk.\n\n2 Werk\n\nHet werk gaat door, ook in de nacht.\n";

/** A project folder with source/goed.{txt,yaml}; templates/ (and locales/ unless copied) link to the checkout's. */
export function project(prefix = "tweeluik-build-", opts: { copyLocales?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(root, "source"));
  if (opts.copyLocales) cpSync(resolve("locales"), join(root, "locales"), { recursive: true });
  for (const d of opts.copyLocales ? ["templates"] : ["locales", "templates"]) symlinkSync(resolve(d), join(root, d));
  writeFileSync(join(root, "source", "goed.txt"), TEXT);
  writeFileSync(join(root, "source", "goed.yaml"), YAML);
  return root;
}

/** Start `tweeluik ARGS` (the real CLI) with a tag in its environment that its child processes inherit. */
export function startCli(args: string[], tag: string): ChildProcess {
  return spawn(process.execPath, [resolve("pipeline/bin/tweeluik.mjs"), ...args], {
    env: { ...process.env, TWEELUIK_TEST_TAG: tag },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Wait for a process to end: its exit code, or the signal that ended it, and its stderr. */
export function ended(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
  child.stdout?.resume();
  return new Promise((done) => child.on("close", (code, signal) => done({ code, signal, stderr })));
}

/** Pids of the running processes whose environment carries the tag (a build and everything it started). */
export function taggedProcesses(tag: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, "latin1").split("\0").includes(`TWEELUIK_TEST_TAG=${tag}`)) {
        // A zombie has ended: only its entry in the process table is left.
        if (!/\) Z /.test(readFileSync(`/proc/${name}/stat`, "latin1"))) out.push(Number(name));
      }
    } catch {
      // Ended meanwhile, or not ours to read.
    }
  }
  return out;
}

/** Every file below dir (relative paths, sorted), dot files included. */
export function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p, `${rel}${name}/`);
      else out.push(`${rel}${name}`);
    }
  };
  walk(dir, "");
  return out;
}

export const sha256 = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** The output as {path: sha256}, without manifest.json (its `reused` flags say how the files were made). */
export function snapshot(output: string): Record<string, string> {
  return Object.fromEntries(tree(output).filter((f) => f !== "manifest.json").map((f) => [f, sha256(readFileSync(join(output, f)))]));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

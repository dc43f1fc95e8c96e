// Bad output folders, locks, leftovers of killed builds and hostile YAML: one line naming the file, never a stack.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../pipeline/build.ts";
import { lockFileOf } from "../pipeline/build/lock.ts";
import { translateCommand } from "../pipeline/translate/cli.ts";
import { project, YAML } from "./build-helpers.ts";

const cli = (...args: string[]) => spawnSync(process.execPath, [resolve("pipeline/bin/tweeluik.mjs"), ...args], { encoding: "utf8" });

/** A pid no process has: one that has just ended. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).stdout.trim());
}

/** One line on stderr, no stack frames. */
function expectOneLine(stderr: string): void {
  const lines = stderr.trim().split("\n").filter((l) => l.startsWith("tweeluik"));
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
}

// Aliases of aliases: 10 levels of 10 expand to 10^10 nodes.
const BOMB = `${YAML}a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`).join("\n")}\n`;

describe("build errors are one line", () => {
  it("an output that is a file", () => {
    const root = project();
    writeFileSync(join(root, "output"), "not a folder\n");
    const r = cli("build", "--root", root, "--format", "md");
    expect(r.status).toBe(1);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/output: the output folder is a file/);
    // --debug adds where it came from.
    expect(cli("build", "--root", root, "--format", "md", "--debug").stderr).toMatch(/^\s+at /m);
  });

  it("a YAML alias bomb, from build, normalise and translate status", async () => {
    const root = project();
    writeFileSync(join(root, "source", "goed.yaml"), BOMB);
    const b = cli("build", "--root", root, "--format", "md");
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/source\/goed\.yaml:6: YAML aliases expand to more than 100 nodes/);
    expect(b.stderr).not.toMatch(/^\s+at /m);

    const n = cli("normalise", join(root, "source", "goed.txt"), "--config", join(root, "source", "goed.yaml"));
    expect(n.status).toBe(1);
    expectOneLine(n.stderr);
    expect(n.stderr).toMatch(/goed\.yaml:6: YAML aliases/);

    let err = "";
    const code = await translateCommand(["status"], { root, out: () => {}, err: (s) => (err += s) });
    expect(code).toBe(1);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(/goed\.yaml:6: YAML aliases/);
  });
});

describe("sources over the size limit", () => {
  it("are refused before any work, with the size, the limit and the line where the text passes it", () => {
    const root = project();
    // 20,000 lines of 54 bytes (1.08 MB): the limit (250,000 bytes) is passed on line 4,630.
    const line = "De raad adviseert over scholing en bestaanszekerheid.";
    writeFileSync(join(root, "source", "goed.txt"), `${line}\n`.repeat(20_000));
    const r = cli("build", "--root", root, "--format", "md");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/source\/goed\.txt:4630: the source holds 1\.1 MB; the limit is 250 kB of text \(about 100 pages\), .*passes the limit at line 4630; publish it in parts/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const n = cli("normalise", join(root, "source", "goed.txt"));
    expect(n.status).toBe(1);
    expectOneLine(n.stderr);
    expect(n.stderr).toMatch(/goed\.txt:4630: the source holds 1\.1 MB/);
  });
});

describe("one build per output folder", () => {
  it("refuses while a live build holds the lock, naming its pid", async () => {
    const root = project();
    const output = join(root, "output");
    // This test's own process stands in for the other build: alive, and not the build's.
    writeFileSync(lockFileOf(output), JSON.stringify({ pid: process.ppid, host: (await import("node:os")).hostname() }));
    await expect(build({ root, output, formats: ["md"] })).rejects.toThrow(new RegExp(`another build \\(pid ${process.ppid}\\) is writing`));
    expect(existsSync(output)).toBe(false);
  });

  it("takes over the lock of a build that was killed, and removes what it left", async () => {
    const root = project();
    const output = join(root, "output");
    const first = await build({ root, output, formats: ["md"] });
    expect(first.promoted).toBe(true);
    const dead = Number(deadPid());
    writeFileSync(lockFileOf(output), JSON.stringify({ pid: dead, host: (await import("node:os")).hostname() }));
    mkdirSync(join(root, `.output.staging-${dead}`, "nl"), { recursive: true });
    writeFileSync(join(root, `.output.staging-${dead}`, "nl", "goed.md"), "half\n");
    mkdirSync(join(output, `.staging-${dead}`));
    const lines: string[] = [];
    const again = await build({ root, output, formats: ["md"], log: (l) => lines.push(l) });
    expect(again.promoted).toBe(true);
    expect(existsSync(join(root, `.output.staging-${dead}`))).toBe(false);
    expect(existsSync(join(output, `.staging-${dead}`))).toBe(false);
    expect(existsSync(lockFileOf(output))).toBe(false);
    expect(lines.join("\n")).toMatch(/interrupted/);
  });

  it("puts back an output a killed build had parked between its two renames", async () => {
    const root = project();
    const output = join(root, "output");
    await build({ root, output, formats: ["md"] });
    const before = readFileSync(join(output, "manifest.json"), "utf8");
    const parked = join(root, `.output.old-${Number(deadPid())}`);
    // What a build killed between "output → parked" and "staging → output" leaves.
    spawnSync("mv", [output, parked]);
    writeFileSync(join(root, "source", "goed.txt"), "1 Inleiding\n\nEen andere tekst.\n\n2 Slot\n\nEn een slot.\n");
    writeFileSync(join(root, "source", "kapot.txt"), Buffer.from([0x61, 0xff, 0xfe, 0x0a]));
    writeFileSync(join(root, "source", "kapot.yaml"), YAML);
    // The build fails (a broken source): the output must be the parked one, put back.
    const r = await build({ root, output, formats: ["md"] });
    expect(r.promoted).toBe(false);
    expect(readFileSync(join(output, "manifest.json"), "utf8")).toBe(before);
    expect(existsSync(parked)).toBe(false);
  });
});

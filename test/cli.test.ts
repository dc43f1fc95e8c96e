import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const run = (...args: string[]) => spawnSync(process.execPath, ["pipeline/bin/tweeluik.mjs", ...args], { encoding: "utf8" });

describe("tweeluik CLI", () => {
  it("prints help and exits 0", () => {
    const r = run("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/tweeluik build/);
  });

  it.each(["build", "normalise", "translate", "proof"])("%s --help exits 0", (cmd) => {
    const r = run(cmd, "--help");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(40);
  });

  it("an unknown command is a usage error (2)", () => {
    const r = run("bouw");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "bouw"/);
  });

  it("no command is a usage error (2)", () => {
    expect(run().status).toBe(2);
  });

  it("a bad option is a usage error (2)", () => {
    const r = run("build", "--concurrency", "nul");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--concurrency/);
    expect(run("build", "--frobnicate").status).toBe(2);
  });

  it("an unknown slug fails with the missing file named (1)", () => {
    const r = run("build", "bestaat-niet", "--format", "md");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/source\/bestaat-niet\.txt/);
  });
});

// The command works from any folder: `tweeluik build --root DIR` run elsewhere than the checkout.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { project } from "./build-helpers.ts";

describe("tweeluik build from another folder", () => {
  it("renders the PDFs (the templates' JSX needs the project's tsconfig, which the folder does not hold)", () => {
    const root = project("tweeluik-cwd-");
    const elsewhere = mkdtempSync(join(tmpdir(), "tweeluik-elsewhere-"));
    const r = spawnSync(process.execPath, [resolve("pipeline/bin/tweeluik.mjs"), "build", "--root", root, "--format", "pdf", "--concurrency", "1"], { cwd: elsewhere, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(root, "output", "nl", "goed.pdf"))).toBe(true);
    rmSync(root, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  }, 120_000);
});

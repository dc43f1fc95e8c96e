// A Dutch file that fails while the English document is still being translated fails its
// document with one line, like any failed write; its failure is never left unhandled.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { RenderableDocument } from "../pipeline/document/types.ts";
import { project } from "./build-helpers.ts";

vi.mock("../pipeline/render-pdf/index.ts", () => ({
  renderPdf: async (doc: RenderableDocument) => {
    throw new Error(`no renderer for the ${doc.lang} edition`);
  },
}));

describe("a write that fails before its document is prepared", () => {
  it("fails the document with its message, and nothing is left unhandled", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const { build } = await import("../pipeline/build.ts");
      const root = project("tweeluik-write-fails-");
      const r = await build({ root, formats: ["pdf"], force: true, output: join(root, "out"), cacheDir: join(root, "c") });
      // (a turn of the event loop for a rejection nobody handled to be reported)
      await new Promise((done) => setTimeout(done, 50));
      expect(r.promoted).toBe(false);
      expect(r.documents.map((d) => d.error?.message)).toEqual(["goed: no renderer for the nl edition"]);
      expect(unhandled).toEqual([]);
      rmSync(root, { recursive: true, force: true });
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  }, 60_000);
});

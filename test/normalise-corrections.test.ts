/** Editorial corrections: generic block operations, each reported when it matches nothing. */
import { describe, expect, it } from "vitest";
import { splitSource } from "../pipeline/read/read-source.ts";
import { normalise, type NormaliseConfig } from "../pipeline/normalise/index.ts";
import { toMarkdown } from "../pipeline/markdown/to-markdown.ts";
import type { Correction } from "../pipeline/config/schema.ts";
import { correctionSchema } from "../pipeline/config/schema.ts";

const TEXT = [
  "Kop van het stuk",
  "Het begin van een alinea die in de kolom afbreekt bij Sociaal-",
  "",
  "Een andere alinea die hier niet hoort.",
  "",
  "Economische Raad en daarna gewoon doorgaat.",
  "",
  "Een citaat dat apart staat",
  "",
  "Slot van het stuk.",
].join("\n");

const config = (corrections: Correction[]): NormaliseConfig => ({
  kind: "magazine",
  title: { nl: "Test", en: "Test" },
  date: "2023",
  publisher: "SER",
  corrections,
});
const run = (cs: Correction[]) => normalise(splitSource(TEXT, "t.txt"), config(cs));

describe("corrections", () => {
  it("joins a block with its continuation and decides the hyphen at the junction", () => {
    const doc = run([{ op: "join", block: "Het begin van een alinea", target: "Economische Raad" }]);
    expect(toMarkdown(doc)).toContain("afbreekt bij Sociaal-Economische Raad en daarna gewoon doorgaat.\n\nEen andere alinea");
    expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("moves, marks and drops blocks", () => {
    const doc = run([
      { op: "move-after", block: "Een andere alinea", target: "gewoon doorgaat." },
      { op: "mark", block: "Een citaat dat", as: "pullquote" },
      { op: "drop", block: "Slot van het stuk" },
    ]);
    const md = toMarkdown(doc);
    expect(md.indexOf("Economische Raad")).toBeLessThan(md.indexOf("Een andere alinea"));
    expect(md).toContain("::: pullquote\n\nEen citaat dat apart staat\n\n:::");
    expect(md).not.toContain("Slot van het stuk");
  });

  it("reports a correction that matches nothing as an error", () => {
    const doc = run([{ op: "drop", block: "Dit staat nergens" }, { op: "move-before", block: "Een citaat", target: "Ook dit niet" }]);
    const errors = doc.diagnostics.filter((d) => d.code === "normalise:correction-unmatched");
    expect(errors).toHaveLength(2);
    expect(errors.every((d) => d.severity === "error")).toBe(true);
  });

  it("validates the correction schema: join needs a target", () => {
    expect(correctionSchema.safeParse({ op: "join", block: "Een begin" }).success).toBe(false);
    expect(correctionSchema.safeParse({ op: "join", block: "Een begin", target: "Het vervolg" }).success).toBe(true);
  });
});

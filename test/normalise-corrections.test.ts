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
  it("splits a block, gathers runs into a box and an article, and names an article part anew", () => {
    const doc = run([
      { op: "split", block: "Het begin van een alinea", target: "in de kolom afbreekt" },
      { op: "box", block: "Het begin van een alinea", target: "in de kolom afbreekt", kind: "cv" },
      { op: "article", block: "Een citaat dat apart staat", target: "Slot van het stuk" },
      { op: "mark", block: "Slot van het stuk", as: "byline" },
    ]);
    expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const box = doc.children.find((b) => b.type === "box");
    expect(box?.type === "box" && box.kind).toBe("cv");
    expect(toMarkdown(doc)).toContain("in de kolom afbreekt bij Sociaal-");
    const art = doc.children.find((b) => b.type === "article");
    expect(art?.type === "article" && art.byline?.map((i) => (i.type === "text" ? i.value : "")).join("")).toBe("Slot van het stuk.");
    expect(art?.type === "article" && art.children).toHaveLength(0);
  });

  it("picks the nth of several blocks that start alike, without an ambiguity warning", () => {
    const doc = run([{ op: "drop", block: "E", nth: 2 }]);
    expect(toMarkdown(doc)).not.toContain("Economische Raad");
    expect(toMarkdown(doc)).toContain("Een andere alinea");
    expect(doc.diagnostics.filter((d) => d.code === "normalise:correction-ambiguous")).toEqual([]);
  });

  it("validates the correction schema: box, article and split need a target", () => {
    for (const op of ["box", "article", "split"] as const) {
      expect(correctionSchema.safeParse({ op, block: "Een begin" }).success).toBe(false);
      expect(correctionSchema.safeParse({ op, block: "Een begin", target: "Het einde" }).success).toBe(true);
    }
  });
});

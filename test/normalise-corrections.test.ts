/**
 * Editorial corrections: generic block operations that name their blocks by
 * source lines (checked by the first or last words), each reported with the
 * correction's line in the YAML when it names no block or cannot be done.
 */
import { describe, expect, it } from "vitest";
import { splitSource } from "../pipeline/read/read-source.ts";
import { normalise, type NormaliseConfig } from "../pipeline/normalise/index.ts";
import { toMarkdown } from "../pipeline/markdown/to-markdown.ts";
import type { Correction } from "../pipeline/config/schema.ts";
import { correctionSchema, sourceConfigSchema } from "../pipeline/config/schema.ts";
import { parseYamlConfig } from "../pipeline/config/load.ts";

// Blocks: 1 heading, 2, 4, 6 paragraphs, 8 heading, 10 paragraph, 12-14 paragraph.
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
  "",
  "Twee kolommen die de extractie door elkaar",
  "zette, zonder lege regel ertussen: de tweede",
  "kolom begint op deze regel en loopt hier door.",
].join("\n");

const META = { kind: "magazine", title: { nl: "Test", en: "Test" }, date: "2023", publisher: "SER" } as const;
const config = (corrections: Correction[]): NormaliseConfig => ({ ...META, corrections });
const run = (cs: Correction[]) => normalise(splitSource(TEXT, "t.txt"), config(cs));
const errors = (doc: ReturnType<typeof run>) => doc.diagnostics.filter((d) => d.severity === "error");
const note = "a note that says why";

/** A config as the build loads it: from YAML, so that diagnostics can name the correction's line. */
const fromYaml = (corrections: string): NormaliseConfig =>
  parseYamlConfig(
    `kind: magazine\ntitle: { nl: Test, en: Test }\ndate: "2023"\npublisher: SER\ncorrections:\n${corrections}`,
    "source/t.yaml",
    sourceConfigSchema,
  );

describe("corrections", () => {
  it("joins a block with its continuation and decides the hyphen at the junction", () => {
    const doc = run([{ op: "join", block: { lines: 2, starts: "Het begin van een alinea" }, target: { lines: 6, starts: "Economische Raad" }, note }]);
    expect(toMarkdown(doc)).toContain("afbreekt bij Sociaal-Economische Raad en daarna gewoon doorgaat.\n\nEen andere alinea");
    expect(errors(doc)).toEqual([]);
    // the position stretches to the text joined on …
    expect(doc.children[1]!.position).toMatchObject({ line: 2, endLine: 6 });
  });

  it("names a joined block by its own lines in later corrections", () => {
    // … and the anchor keeps the lines the block was found at
    const doc = run([
      { op: "join", block: { lines: 2, starts: "Het begin" }, target: { lines: 6, starts: "Economische Raad" }, note },
      { op: "move-after", block: { lines: 10, starts: "Slot van" }, target: { lines: 2, ends: "gewoon doorgaat." }, note },
    ]);
    expect(errors(doc)).toEqual([]);
    expect(toMarkdown(doc)).toContain("gewoon doorgaat.\n\nSlot van het stuk.\n\nEen andere alinea");
  });

  it("moves, marks and drops blocks", () => {
    const doc = run([
      { op: "move-after", block: { lines: 4, starts: "Een andere alinea" }, target: { lines: 6, ends: "gewoon doorgaat." }, note },
      { op: "mark", block: { lines: 8, starts: "Een citaat dat" }, as: "pullquote", note },
      { op: "drop", block: { lines: 10, starts: "Slot van het stuk" }, note },
    ]);
    const md = toMarkdown(doc);
    expect(md.indexOf("Economische Raad")).toBeLessThan(md.indexOf("Een andere alinea"));
    expect(md).toContain("::: pullquote\n\nEen citaat dat apart staat\n\n:::");
    expect(md).not.toContain("Slot van het stuk");
    expect(errors(doc)).toEqual([]);
  });

  it("tells blocks that start alike apart by their lines", () => {
    const doc = run([{ op: "drop", block: { lines: 6, starts: "E" }, note }]);
    expect(toMarkdown(doc)).not.toContain("Economische Raad");
    expect(toMarkdown(doc)).toContain("Een andere alinea");
    expect(doc.diagnostics.filter((d) => d.code.startsWith("normalise:correction-") && d.severity !== "info")).toEqual([]);
  });

  it("splits a block at the line the second text starts, and names both halves by their lines", () => {
    const doc = run([
      { op: "split", block: { lines: "12-14", starts: "Twee kolommen" }, target: { lines: 14, starts: "kolom begint op deze regel" }, note },
      { op: "mark", block: { lines: "12-13", starts: "Twee kolommen" }, as: "caption", note },
      { op: "move-before", block: { lines: 14, starts: "kolom begint" }, target: { lines: 1, starts: "Kop van" }, note },
    ]);
    expect(errors(doc)).toEqual([]);
    const md = toMarkdown(doc);
    expect(md).toContain("kolom begint op deze regel en loopt hier door.\n\n## Kop van het stuk");
    expect(md).toContain("::: caption\n\nTwee kolommen die de extractie door elkaar zette, zonder lege regel ertussen: de tweede\n\n:::");
    expect(doc.children[0]!.position).toMatchObject({ line: 14, endLine: 14 });
    expect(doc.children.find((b) => b.type === "caption")!.position).toMatchObject({ line: 12, endLine: 13 });
  });

  it("gathers runs into a box and an article, and names an article part anew", () => {
    const doc = run([
      { op: "box", block: { lines: 2, starts: "Het begin van een alinea" }, target: { lines: 4, starts: "Een andere alinea" }, kind: "cv", note },
      { op: "article", block: { lines: 8, starts: "Een citaat dat apart staat" }, target: { lines: "12-14", starts: "Twee kolommen" }, note },
      { op: "mark", block: { lines: 10, starts: "Slot van het stuk" }, as: "byline", note },
    ]);
    expect(errors(doc)).toEqual([]);
    const box = doc.children.find((b) => b.type === "box");
    expect(box?.type === "box" && box.kind).toBe("cv");
    expect(box?.position).toMatchObject({ line: 2, endLine: 4 });
    expect(toMarkdown(doc)).toContain("in de kolom afbreekt bij Sociaal-");
    const art = doc.children.find((b) => b.type === "article");
    expect(art?.type === "article" && art.byline?.map((i) => (i.type === "text" ? i.value : "")).join("")).toBe("Slot van het stuk.");
    expect(art?.type === "article" && art.children).toHaveLength(1);
    expect(art?.position).toMatchObject({ line: 8, endLine: 14 });
  });

  it("reports an anchor that points at no block, words that do not match and a target not found, naming the correction", () => {
    const doc = normalise(
      splitSource(TEXT, "t.txt"),
      fromYaml(
        [
          "  - op: drop",
          "    block: { lines: 3, starts: Leeg }", // an empty source line
          "    note: an anchor at no block",
          "  - op: drop",
          "    block: { lines: 4, starts: Een citaat }", // the block at line 4 starts otherwise
          "    note: words that do not match",
          "  - op: move-before",
          "    block: { lines: 8, starts: Een citaat }",
          "    target: { lines: 12-13, starts: Twee kolommen }",
          "    note: a target whose lines are only part of a block",
          "",
        ].join("\n"),
      ),
    );
    const errs = errors(doc);
    expect(errs.map((d) => d.code)).toEqual(["normalise:correction-unmatched", "normalise:correction-unmatched", "normalise:correction-unmatched"]);
    expect(errs.map((d) => `${d.position?.file}:${d.position?.line}`)).toEqual(["source/t.yaml:6", "source/t.yaml:9", "source/t.yaml:12"]);
    expect(errs[0]!.message).toMatch(/^corrections\.0 drop 3 "Leeg": no block at t\.txt:3$/);
    expect(errs[1]!.message).toMatch(/^corrections\.1 drop 4 "Een citaat": the block at t\.txt:4 does not start with "Een citaat": it is paragraph "Een andere alinea/);
    expect(errs[2]!.message).toMatch(/^corrections\.2 move-before 8 "Een citaat": target 12-13 "Twee kolommen": no block at t\.txt:12-13; at line 12 stands paragraph "Twee kolommen .*" of lines 12-14$/);
    // nothing was done
    expect(toMarkdown(doc)).toContain("Een andere alinea");
  });

  it("names the correction by its index where the config was not loaded from YAML", () => {
    const doc = run([
      { op: "join", block: { lines: 2, starts: "Het begin" }, target: { lines: 5, starts: "Economische" }, note },
      { op: "split", block: { lines: "12-14", starts: "Twee" }, target: { lines: 13, starts: "zette" }, note },
      { op: "rename", block: { lines: 4, starts: "Een andere" }, note } as unknown as Correction,
    ]);
    const errs = errors(doc);
    expect(errs).toHaveLength(3);
    expect(errs[0]!.message).toMatch(/^corrections\.0 join 2 "Het begin": target 5 "Economische": no block at t\.txt:5/);
    expect(errs[0]!.position).toMatchObject({ file: "t.txt", line: 2 });
    expect(errs[1]!.message).toMatch(/^corrections\.1 split 12-14 "Twee": the block the split makes must run .* to the block's last line 14, not 13/);
    expect(errs[2]!.message).toMatch(/^corrections\.2 rename .*unknown operation rename/);
  });

  it("names a box by the lines of everything it holds", () => {
    const doc = run([
      { op: "box", block: { lines: 2, starts: "Het begin" }, target: { lines: 4, starts: "Een andere" }, note },
      { op: "move-after", block: { lines: "2-4", starts: "Het begin" }, target: { lines: 10, starts: "Slot" }, note },
    ]);
    expect(errors(doc)).toEqual([]);
    expect(toMarkdown(doc)).toContain("Slot van het stuk.\n\n::: {.box .sidebar}\n\n### Het begin");
  });

  it("validates the correction schema: anchors, targets and a note", () => {
    const block = { lines: "2-3", starts: "Een begin" };
    const target = { lines: 5, starts: "Het vervolg" };
    expect(correctionSchema.safeParse({ op: "join", block, target, note }).success).toBe(true);
    expect(correctionSchema.safeParse({ op: "join", block, note }).success).toBe(false);
    expect(correctionSchema.safeParse({ op: "join", block, target }).success).toBe(false);
    expect(correctionSchema.safeParse({ op: "join", block, target, note: "why" }).success).toBe(false);
    expect(correctionSchema.safeParse({ op: "join", block: "Een begin", target, note }).success).toBe(false);
    expect(correctionSchema.safeParse({ op: "join", block: { lines: 2 }, target, note }).success).toBe(false);
    for (const lines of ["3-2", "2-2", "2–3", 0, "x"]) expect(correctionSchema.safeParse({ op: "drop", block: { lines, starts: "Een" }, note }).success).toBe(false);
    expect(correctionSchema.safeParse({ op: "drop", block: { lines: 2, ends: "einde." }, note }).success).toBe(true);
    expect(correctionSchema.safeParse({ op: "drop", block, note, nth: 2 }).success).toBe(false);
    expect(correctionSchema.safeParse({ op: "mark", block, note }).success).toBe(false);
    expect(correctionSchema.safeParse({ op: "split", block, target: { lines: 5, ends: "vervolg" }, note }).success).toBe(false);
    for (const op of ["box", "article", "split", "move-after", "move-before"] as const) {
      expect(correctionSchema.safeParse({ op, block, note }).success).toBe(false);
      expect(correctionSchema.safeParse({ op, block, target, note }).success).toBe(true);
    }
  });
});

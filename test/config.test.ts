import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadYamlConfig, parseYamlConfig, yamlLocation } from "../pipeline/config/load.ts";
import { sourceConfigSchema } from "../pipeline/config/schema.ts";
import { TweeluikError } from "../pipeline/errors.ts";

const good = `kind: advice
title:
  nl: Titel
  en: Title
date: "2023-01-27"
publisher: SER
`;

function error(text: string): TweeluikError {
  try {
    parseYamlConfig(text, "source/x.yaml", sourceConfigSchema);
  } catch (e) {
    if (e instanceof TweeluikError) return e;
    throw e;
  }
  throw new Error("expected the config to be refused");
}

describe("source configs", () => {
  it("every source/<slug>.yaml is valid and has a source beside it", () => {
    const yamls = readdirSync("source").filter((f) => f.endsWith(".yaml"));
    expect(yamls.length).toBe(5);
    for (const f of yamls) {
      const c = loadYamlConfig(`source/${f}`, sourceConfigSchema);
      expect(c.title.nl.length).toBeGreaterThan(3);
      expect(readdirSync("source")).toContain(f.replace(/\.yaml$/, ".txt"));
      // An inferred date (no day) must say how it was inferred.
      if (c.date.length < 10) expect(c.dateNote).toBeTruthy();
    }
  });

  it("accepts a good config", () => {
    expect(parseYamlConfig(good, "x.yaml", sourceConfigSchema).kind).toBe("advice");
  });

  it("names the line of a bad kind", () => {
    const e = error(good.replace("kind: advice", "kind: leaflet"));
    expect(e.code).toBe("config:invalid");
    expect(e.line).toBe(1);
    expect(e.message).toContain("kind");
  });

  it("names the line of an impossible date", () => {
    const e = error(good.replace('"2023-01-27"', '"2023-02-30"'));
    expect(e.line).toBe(5);
    expect(e.message).toMatch(/date/);
  });

  it("names the line of a missing English title", () => {
    const e = error(good.replace("  en: Title\n", ""));
    expect(e.message).toMatch(/title\.en/);
    expect(e.line).toBe(3);
  });

  it("refuses unknown fields (typos) with their line", () => {
    const e = error(`${good}publsher: SER\n`);
    expect(e.line).toBe(1); // zod reports unrecognised keys on the object
    expect(e.message).toMatch(/publsher/);
  });

  it("reports YAML syntax errors with a line", () => {
    const e = error("kind: advice\ntitle: [nl\n");
    expect(e.code).toBe("config:syntax");
    expect(e.line).toBeGreaterThanOrEqual(2);
  });

  describe("corrections", () => {
    const ok = `  - op: drop\n    block: { lines: 1651, starts: "27" }\n    note: page number without an empty line after it\n`;
    const corrections = (text: string): string => `${good}corrections:\n${ok}${text}`;

    it("accepts a correction named by source lines, with its words and a note", () => {
      const c = parseYamlConfig(corrections(""), "x.yaml", sourceConfigSchema);
      expect(c.corrections).toEqual([{ op: "drop", block: { lines: 1651, starts: "27" }, note: "page number without an empty line after it" }]);
    });

    it("names the line of a missing target", () => {
      const e = error(corrections(`  - op: move-after\n    block: { lines: 112, starts: Hardnekkig probleem }\n    note: intertitle set at a column top\n`));
      expect(e.message).toMatch(/corrections\.1\.target/);
      expect(e.line).toBe(11);
    });

    it("refuses a correction without a note, or with an empty one, naming it", () => {
      let e = error(corrections(`  - op: drop\n    block: { lines: 27, starts: "27" }\n`));
      expect(e.message).toMatch(/^corrections\.1\.note: /);
      expect(e.line).toBe(11);
      e = error(corrections(`  - op: drop\n    block: { lines: 27, starts: "27" }\n    note: "  "\n`));
      expect(e.message).toMatch(/^corrections\.1\.note: say in a note why/);
      expect(e.line).toBe(13);
    });

    it("refuses an anchor by text alone, without words, or with bad lines, naming it", () => {
      let e = error(corrections(`  - op: drop\n    block: Hardnekkig probleem\n    note: intertitle set at a column top\n`));
      expect(e.message).toMatch(/^corrections\.1\.block: /);
      expect(e.line).toBe(12);
      e = error(corrections(`  - op: drop\n    block: { lines: 112 }\n    note: intertitle set at a column top\n`));
      expect(e.message).toMatch(/^corrections\.1\.block\.starts: an anchor needs starts/);
      e = error(corrections(`  - op: drop\n    block: { lines: 121-119, starts: Toch }\n    note: intertitle set at a column top\n`));
      expect(e.message).toMatch(/^corrections\.1\.block\.lines: /);
      expect(e.line).toBe(12);
    });

    it("refuses nth, which depended on earlier corrections", () => {
      const e = error(corrections(`  - op: drop\n    block: { lines: 27, starts: "27" }\n    nth: 2\n    note: page number without an empty line\n`));
      expect(e.message).toMatch(/nth/);
    });

    it("gives every correction's line in the YAML", () => {
      const c = parseYamlConfig(corrections(ok), "source/x.yaml", sourceConfigSchema);
      expect(c.corrections!.map((x) => yamlLocation(x))).toEqual([
        { file: "source/x.yaml", line: 8 },
        { file: "source/x.yaml", line: 11 },
      ]);
      expect(yamlLocation({ op: "drop" })).toBeUndefined();
    });

    it("every correction of the magazine names its block by lines and says why", () => {
      const c = loadYamlConfig("source/zicht-op-2023-1.yaml", sourceConfigSchema);
      expect(c.corrections!.length).toBeGreaterThan(90);
      for (const x of c.corrections!) expect(x.note.length).toBeGreaterThanOrEqual(10);
      expect(yamlLocation(c.corrections![0]!)?.line).toBeGreaterThan(20);
    });
  });
});

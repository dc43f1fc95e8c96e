import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadYamlConfig, parseYamlConfig } from "../pipeline/config/load.ts";
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

  it("checks corrections", () => {
    const e = error(`${good}corrections:\n  - op: move-after\n    block: Hardnekkig probleem\n`);
    expect(e.message).toMatch(/corrections\.0\.target/);
    expect(e.line).toBe(8);
  });
});

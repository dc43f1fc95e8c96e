import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { thrown } from "./fixtures/translate/helpers.ts";
import { findRendering, findTerms, parseGlossary } from "../pipeline/translate/glossary.ts";
import { readGlossaryFile } from "../pipeline/translate/load.ts";

const FILE = new URL("../locales/glossary/nl-en.yaml", import.meta.url).pathname;
const glossary = readGlossaryFile(FILE);
const ids = (text: string) => findTerms(text, glossary).map((h) => `${h.entry.id}:${h.matched}`);


describe("the seeded glossary (locales/glossary/nl-en.yaml)", () => {
  it("has at least 40 entries, each with a note and an approved rendering", () => {
    expect(glossary.entries.length).toBeGreaterThanOrEqual(40);
    for (const e of glossary.entries) {
      expect(e.note.length, e.id).toBeGreaterThan(10);
      expect(e.approved.length, e.id).toBeGreaterThan(0);
    }
  });
  it("fixes the corpus's key terms", () => {
    const get = (id: string) => glossary.entries.find((e) => e.id === id)!;
    expect(get("ser").approved).toContain("Social and Economic Council of the Netherlands");
    expect(get("kroonlid").approved[0]).toBe("Crown-appointed member");
    expect(get("briefadvies").approved).toEqual(["advisory letter"]);
    expect(get("adviesaanvraag").approved).toEqual(["request for advice"]);
    expect(get("segv").approved[0]).toBe("socio-economic health inequalities");
    expect(get("bestaanszekerheid").approved).toEqual(["livelihood security"]);
    expect(get("bestaanszekerheid").forbidden).toContain("subsistence security");
    expect(get("brede-welvaart").approved).toEqual(["broad prosperity"]);
    expect(get("brede-welvaart").forbidden).toContain("broad welfare");
    expect(get("tweede-kamer").approved).toEqual(["House of Representatives"]);
    expect(get("szw").approved[0]).toBe("Social Affairs and Employment");
    expect(get("vws").approved[0]).toBe("Health, Welfare and Sport");
  });
});

describe("term matching with Dutch morphology", () => {
  it("finds plurals, hyphenated and closed compounds, longest match first", () => {
    // briefadvies:2 ("sociaal-economische"), :73 ("sociaaleconomische"), zicht-op ("gezondheidsverschillen")
    expect(ids("adviseren over sociaal-economische gezondheidsverschillen")).toEqual(["segv:sociaal-economische gezondheidsverschillen"]);
    expect(ids("om sociaaleconomische gezondheidsverschillen aan te pakken")).toEqual(["segv:sociaaleconomische gezondheidsverschillen"]);
    expect(ids("Zicht op de gezondheidsverschillen in Nederland")).toEqual(["gezondheidsverschil:gezondheidsverschillen"]);
  });
  it("finds the term as the head of a compound when the entry allows it", () => {
    expect(ids("de zorggezondheidsverschillen")).toEqual(["gezondheidsverschil:zorggezondheidsverschillen"]);
    expect(ids("het dagelijkse bestuurswerk")).toEqual([]);
  });
  it("respects case rules: de Kamer (House) but not een kamer (room); SER in SER-voorzitter", () => {
    expect(ids("de brief aan de Kamer")).toEqual(["kamer:Kamer"]);
    expect(ids("een kamer in het SER-gebouw")).toEqual(["ser:SER"]);
    expect(ids("de Tweede Kamer")).toEqual(["tweede-kamer:Tweede Kamer"]);
  });
  it("finds the council's bodies and ministries in real sentences", () => {
    // raad-2022-03-verslag:29-30, :49
    expect(ids("De heer Verhulp, tevens lid van het dagelijks bestuur van de SER, heeft een bijdrage geleverd.")).toEqual(["dagelijks-bestuur:dagelijks bestuur", "ser:SER"]);
    expect(ids("Twee kroonleden zijn vandaag helaas verhinderd.")).toEqual(["kroonlid:kroonleden"]);
    expect(ids("Naast het overleg van de minister van SZW met sociale partners")).toEqual(["szw:SZW", "sociale-partners:sociale partners"]);
  });
  it("ignores terms inside URLs", () => {
    expect(ids("Zie: www.raadrvs.nl/documenten/publicaties/2020/10/03/gezondheidsverschillen-voorbij.")).toEqual([]);
  });
  it("takes a letter or digit of any script for part of the word, and nothing else", () => {
    // (Latin Extended letters, and letters and digits of other scripts, beside the term: no match)
    expect(ids("het dagelijks bestuurǆ")).toEqual([]);
    expect(ids("het dagelijks bestuurж")).toEqual([]);
    expect(ids("het dagelijks bestuur٣")).toEqual([]);
    expect(ids("ǅde zorggezondheidsverschillen")).toEqual(["gezondheidsverschil:zorggezondheidsverschillen"]);
    // (and a compound's head may be of any script)
    expect(ids("жzorggezondheidsverschillen")).toEqual(["gezondheidsverschil:жzorggezondheidsverschillen"]);
    // (typographic punctuation and symbols of other blocks are word edges)
    expect(ids("„het dagelijks bestuur”—en de SER€")).toEqual(["dagelijks-bestuur:dagelijks bestuur", "ser:SER"]);
    expect(findRendering("the policyж", ["policy"], false)).toBeUndefined();
    expect(findRendering("the policyǆ", ["policy"], false)).toBeUndefined();
    expect(findRendering("“the policy”", ["policy"], false)).toBe("policy");
    expect(findRendering("International Responsible Business Conduct (IRBCЖ) agreements", ["International Responsible Business Conduct agreements"], false)).toBe("International Responsible Business Conduct (IRBCЖ) agreements");
    expect(findRendering("International Responsible Business Conduct (IRBC€) agreements", ["International Responsible Business Conduct agreements"], false)).toBeUndefined();
    expect(findRendering("International Responsible Business Conduct (IRBC) agreements", ["International Responsible Business Conduct agreements"], false)).toBe("International Responsible Business Conduct (IRBC) agreements");
  });
  it("English renderings tolerate plural and possessive", () => {
    expect(findRendering("two Crown-appointed members", ["Crown-appointed member"], false)).toBe("Crown-appointed members");
    expect(findRendering("the health inequality's causes", ["health inequality"], false)).toBe("health inequality's");
    expect(findRendering("policies", ["policy"], false)).toBe("policies");
    expect(findRendering("the council", ["Council"], true)).toBeUndefined();
  });
});

describe("glossary validation (glossary:invalid with file and line)", () => {
  const ok = `entries:\n  - id: briefadvies\n    term: briefadvies\n    approved: [advisory letter]\n    partOfSpeech: noun\n    note: Short advisory report in letter form.\n`;
  it("accepts a minimal file", () => {
    expect(parseGlossary(ok, "g.yaml").entries[0]!.compound).toBe(false);
  });
  it("reports YAML syntax errors with the line", () => {
    const e = thrown(() => parseGlossary(`${ok}  - id: b\n    term: x: y\n`, "g.yaml"));
    expect(e.code).toBe("glossary:invalid");
    expect(e.file).toBe("g.yaml");
    expect(e.line).toBe(8);
  });
  it("reports a missing note at the entry's line", () => {
    const e = thrown(() => parseGlossary(ok.replace("    note: Short advisory report in letter form.\n", ""), "g.yaml"));
    expect(e.message).toMatch(/entries\.0\.note/);
    expect(e.line).toBe(2);
  });
  it("reports a rendering both approved and forbidden, and a Dutch form in two entries", () => {
    const both = ok.replace("    partOfSpeech", "    forbidden: [Advisory Letter]\n    partOfSpeech");
    expect(thrown(() => parseGlossary(both, "g.yaml")).message).toMatch(/both approved and forbidden/);
    const twice = `${ok}  - id: briefadvies-2\n    term: Briefadvies\n    approved: [letter]\n    partOfSpeech: noun\n    note: Duplicate on purpose.\n`;
    const e = thrown(() => parseGlossary(twice, "g.yaml"));
    expect(e.message).toMatch(/in two entries/);
    expect(e.line).toBe(7);
  });
  it("is parsed once per text of its file: every document of a build reads the same one, a changed file is read again", () => {
    const dir = mkdtempSync(join(tmpdir(), "tweeluik-glossary-"));
    const file = join(dir, "nl-en.yaml");
    try {
      writeFileSync(file, ok);
      const first = readGlossaryFile(file);
      expect(readGlossaryFile(file)).toBe(first);
      writeFileSync(file, ok.replace("advisory letter", "letter of advice"));
      expect(readGlossaryFile(file).entries[0]!.approved).toEqual(["letter of advice"]);
      // a file that no longer parses is an error with its line, not the glossary read before
      writeFileSync(file, `${ok}  - id: b\n    term: x: y\n`);
      expect(thrown(() => readGlossaryFile(file)).line).toBe(8);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("reports an unknown field", () => {
    const e = thrown(() => parseGlossary(ok.replace("    partOfSpeech: noun", "    partOfSpeech: noun\n    pos: noun"), "g.yaml"));
    expect(e.code).toBe("glossary:invalid");
    expect(e.line).toBe(2);
  });
});

describe("every way a term may be written is still found", () => {
  // findTerms skips an entry whose letters are not in the segment (white space and hyphens
  // aside); no written form the patterns allow may be skipped by that
  it("hyphens between its letters, spaces or hyphens at its joints, an inflection, a compound head, capitals", () => {
    const glossary = readGlossaryFile(FILE);
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let checked = 0;
    for (const entry of glossary.entries) {
      for (const form of [entry.term, ...entry.variants]) {
        for (let k = 0; k < 4; k++) {
          const words = form.split(/\s+/).map((w) => (rnd(3) === 0 && w.length > 3 ? `${w.slice(0, 2)}-${w.slice(2)}` : w));
          let written = words.join(rnd(2) ? " " : "\u00A0");
          if (!entry.caseSensitive && rnd(2)) written = written.toUpperCase();
          if (entry.compound && rnd(2)) written = `arbeids${written}`;
          const text = `In deze zin staat ${written} midden in de tekst.`;
          const hits = findTerms(text, glossary);
          const at = text.indexOf(written);
          expect(hits.some((h) => h.index <= at && h.index + h.matched.length >= at + written.length), `${entry.id}: ${written}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

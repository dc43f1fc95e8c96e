import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TweeluikError } from "../pipeline/errors.ts";
import { decodeSource, readSource, splitSource } from "../pipeline/read/read-source.ts";

const dir = mkdtempSync(join(tmpdir(), "tweeluik-read-"));
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const caught = (fn: () => unknown): TweeluikError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof TweeluikError) return e;
    throw e;
  }
  throw new Error("expected a TweeluikError");
};

describe("readSource", () => {
  it("reads the real sources into numbered lines with pages", () => {
    const raw = readSource("source/briefadvies-segv-2023.txt");
    expect(raw.slug).toBe("briefadvies-segv-2023");
    expect(raw.lines[0]).toMatchObject({ line: 1, page: 1 });
    expect(raw.lines.length).toBeGreaterThan(500);
    // " twee jaar na de geboorte …" (line 48) opens page 2 of the extraction.
    const l48 = raw.lines.find((l) => l.line === 48)!;
    expect(l48.text.startsWith(" twee jaar")).toBe(true);
    expect(l48.page).toBe(2);
  });

  it("refuses an empty file, naming it", () => {
    const e = caught(() => readSource(file("empty.txt", "")));
    expect(e.code).toBe("input:empty");
    expect(e.format()).toContain("empty.txt");
  });

  it("refuses a file of white space only", () => {
    expect(caught(() => readSource(file("blank.txt", "  \n\n \n"))).code).toBe("input:empty");
  });

  it("refuses a binary file with the line of the NUL byte", () => {
    const e = caught(() => readSource(file("bin.txt", new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0x00, 0x01]))));
    expect(e.code).toBe("input:binary");
    expect(e.line).toBe(3);
  });

  it("refuses broken UTF-8 with the line where it breaks", () => {
    const bytes = Buffer.concat([Buffer.from("regel een\nregel twee\nkapot: "), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]);
    const e = caught(() => readSource(file("broken.txt", bytes)));
    expect(e.code).toBe("input:encoding");
    expect(e.line).toBe(3);
    expect(e.format()).toMatch(/broken\.txt:3: invalid UTF-8/);
  });

  it("refuses a missing file", () => {
    expect(caught(() => readSource(join(dir, "nope.txt"))).code).toBe("input:missing");
  });

  it("drops a byte-order mark and normalises CRLF", () => {
    expect(decodeSource(Buffer.from("\uFEFFhallo"), "x")).toBe("hallo");
    expect(splitSource("a\r\nb\r\n", "x.txt").lines.map((l) => l.text)).toEqual(["a", "b"]);
  });
});

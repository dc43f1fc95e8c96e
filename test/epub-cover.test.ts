// The cover (pipeline/render-epub/cover.ts) is the EPUB's first page and the catalogue's image:
// every line of it must stay inside the cover's margins, whatever the title, and the title set
// in its house size where it fits.
import { describe, expect, it } from "vitest";
import type { RenderableDocument } from "../pipeline/document/types.ts";
import { COVER_WIDTH, coverSvg } from "../pipeline/render-epub/cover.ts";

const MARGIN = 100;

function doc(title: string, publisher = "Sociaal-Economische Raad (SER)"): RenderableDocument {
  return {
    type: "document",
    stage: "normalised",
    lang: "nl",
    meta: { slug: "proef", kind: "briefadvies", title, date: "2023-05-01", publisher },
    children: [],
    notes: [],
    diagnostics: [],
  } as unknown as RenderableDocument;
}

/** Each text line of the cover: where its ink starts and ends (SVG units), and its size factor. */
function lines(svg: string): { left: number; right: number; scale: number }[] {
  return [...svg.matchAll(/<path [^>]*transform="translate\(([-\d.]+) ([-\d.]+)\) scale\(([-\d.]+) [-\d.]+\)" d="([^"]*)"/g)].map((m) => {
    const [x, k] = [Number(m[1]), Number(m[3])];
    const xs = [...m[4]!.matchAll(/(-?\d*\.?\d+(?:e[-+]?\d+)?)[ ,](-?\d*\.?\d+(?:e[-+]?\d+)?)/gi)].map((p) => Number(p[1]));
    return { left: x + k * Math.min(...xs), right: x + k * Math.max(...xs), scale: k };
  });
}

describe("the cover", () => {
  it("keeps every line of the title inside its margins", () => {
    for (const title of [
      "Briefadvies sociaal-economische gezondheidsverschillen",
      "Arbeidsongeschiktheidsverzekeringswetgevingsherzieningsvoorstel",
      "Werkprogramma 2026 van de Sociaal-Economische Raad: duurzame inzetbaarheid, arbeidsmarktkrapte en de toekomst van het sociaal-economisch beleid in Nederland en Europa",
    ]) {
      const set = lines(coverSvg(doc(title)));
      expect(set.length, title).toBeGreaterThan(3);
      for (const l of set) expect(l.right, title).toBeLessThanOrEqual(COVER_WIDTH - MARGIN + 1);
    }
  });

  it("sets a publisher's name too long for the line smaller, inside the margins", () => {
    const publisher = "Initiatiefgroep verkleining sociaal-economische gezondheidsverschillen in Nederland";
    const set = lines(coverSvg(doc("Kort", publisher)));
    const last = set[set.length - 1]!;
    expect(last.left).toBeGreaterThanOrEqual(MARGIN - 1);
    expect(last.right).toBeLessThanOrEqual(COVER_WIDTH - MARGIN + 1);
    // a short one keeps the house size
    const short = lines(coverSvg(doc("Kort")));
    expect(last.scale).toBeLessThan(short[short.length - 1]!.scale);
  });

  it("breaks a compound after its hyphen before it makes the title smaller", () => {
    const big = lines(coverSvg(doc("Kort")))[1]!.scale;
    const set = lines(coverSvg(doc("Kennisagenda arbeidsmarkt-gezondheidsverschillen")));
    // the title's lines (the largest type on the cover): "Kennisagenda", "arbeidsmarkt-",
    // "gezondheidsverschillen", at no less than 80 % of the house size
    const largest = Math.max(...set.map((l) => l.scale));
    const title = set.filter((l) => l.scale === largest);
    expect(title.length).toBe(3);
    expect(title[0]!.scale).toBeGreaterThanOrEqual(big * 0.8);
  });
});

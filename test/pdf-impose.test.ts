/**
 * The content-stream rewriting that copies a magazine column into its frame
 * page (pipeline/render-pdf/impose.ts): resource names renamed where an
 * operator uses them, marked-content ids shifted, strings left alone.
 */
import { describe, expect, it } from "vitest";
import { rewriteContent } from "../pipeline/render-pdf/impose.ts";

const names = new Map([
  ["Font", new Map([["F1", "C3F1"]])],
  ["ExtGState", new Map([["Gs1", "C3Gs1"]])],
  ["XObject", new Map([["Im1", "C3Im1"]])],
] as const) as Parameters<typeof rewriteContent>[1];

describe("rewriteContent", () => {
  it("renames the resources an operator uses and shifts marked-content ids", () => {
    const src = "/P <</MCID 0>> BDC\nBT /F1 10 Tf [<0041> 20 <0042>] TJ ET\nEMC\n/Span << /MCID 7 /Lang (nl) >> BDC /Gs1 gs q /Im1 Do Q EMC";
    expect(rewriteContent(src, names, 5)).toBe(
      "/P <</MCID 5>> BDC\nBT /C3F1 10 Tf [<0041> 20 <0042>] TJ ET\nEMC\n/Span << /MCID 12 /Lang (nl) >> BDC /C3Gs1 gs q /C3Im1 Do Q EMC",
    );
  });

  it("leaves names that are no resource, and anything inside a string, as they are", () => {
    // A tag, an artifact's type, a name in a string and a font no renaming names.
    const src = "/Artifact <</Type /Pagination>> BDC BT /F2 9 Tf (/F1 10 Tf \\) /MCID 3) Tj ET EMC";
    expect(rewriteContent(src, names, 4)).toBe(src);
  });
});

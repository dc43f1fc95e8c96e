import { describe, expect, it } from "vitest";
import { dutchSentences, markdownHeadings } from "../pipeline/publish/check.ts";

describe("tweeluik check helpers", () => {
  it("finds a Dutch sentence left in English text (briefadvies:3), not English citing Dutch titles or URLs", () => {
    const dutch = "De raad adviseert het beleid vooral te richten op het wegnemen van maatschappelijke oorzaken van gezondheidsrisico’s.";
    const text = [
      "The Council advises focusing policy above all on removing the societal causes of health risks.",
      dutch,
      "SER (2021) advisory report Zekerheid voor mensen, een wendbare economie en herstel van de samenleving.",
      "See: www.raadrvs.nl/documenten/publicaties/2020/10/03/gezondheidsverschillen-voorbij-van-de-een-naar-de-ander.",
    ].join(" ");
    expect(dutchSentences(text)).toEqual([dutch]);
    expect(dutchSentences(text.replace(dutch, ""))).toEqual([]);
  });

  it("reads headings from the Markdown contract without ids, notes or markup", () => {
    expect(markdownHeadings("# 1 Kern van het advies {#s-1}\n\ntekst\n\n## 3.5 Vroege start[^3-15] {#s-3-5}\n")).toEqual(["1 Kern van het advies", "3.5 Vroege start"]);
  });
});

/**
 * Web addresses broken over lines: typesetters break a long address anywhere,
 * also right after its scheme ("https:" / "//www…", "https://" / "www…").
 */
import { describe, expect, it } from "vitest";
import { joinLines } from "../pipeline/normalise/dehyphenate.ts";
import { buildLexicon } from "../pipeline/normalise/lexicon.ts";

const lex = buildLexicon([]);
const join = (...lines: string[]): string => joinLines(lines.map((text, k) => ({ text, position: { file: "t.txt", line: k + 1 } })), lex, []);

describe("web addresses over lines", () => {
  it("joins an address broken after its scheme", () => {
    expect(join("Zie https:", "//www.rivm.nl/publicaties/woningkwaliteit voor de cijfers.")).toBe("Zie https://www.rivm.nl/publicaties/woningkwaliteit voor de cijfers.");
    expect(join("Zie https://", "www.cbs.nl/nl-nl/cijfers voor de cijfers.")).toBe("Zie https://www.cbs.nl/nl-nl/cijfers voor de cijfers.");
    expect(join("Zie (https://", "www.cbs.nl) voor de cijfers.")).toBe("Zie (https://www.cbs.nl) voor de cijfers.");
  });

  it("leaves a scheme-like word that no address follows", () => {
    expect(join("het protocol https:", "Dat is veiliger.")).toBe("het protocol https: Dat is veiliger.");
    expect(join("via https:", "en niet via http.")).toBe("via https: en niet via http.");
  });

  it("still joins an address broken inside its path", () => {
    expect(join("Zie https://www.ser.nl/nl/publicaties/adviezen/", "2023/toeslagen voor het advies.")).toBe("Zie https://www.ser.nl/nl/publicaties/adviezen/2023/toeslagen voor het advies.");
  });
});

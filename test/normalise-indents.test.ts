/**
 * Where the extraction kept the page's layout (RawSource.layout "physical", read/physical.ts), the
 * lines carry their indents: a line set in after a clause end opens a paragraph (a first-line
 * indent), lines set in after a colon are the items of a list whose markers are not text, and the
 * empty lines the extraction set where gaps were wide end blocks without saying that every block
 * ends so.
 */
import { describe, expect, it } from "vitest";
import { normalise } from "../pipeline/normalise/index.ts";
import type { RawSource } from "../pipeline/document/types.ts";
import { blockText } from "./normalise-helpers.ts";

/** A page as the reader gives it: the margin off, each line's indent beyond it kept. */
function physical(lines: string[]): RawSource {
  const margin = Math.min(...lines.filter((t) => t.trim()).map((t) => t.length - t.trimStart().length));
  return {
    file: "t.txt",
    slug: "t",
    convention: "form-feed",
    layout: "physical",
    lines: lines.map((t, i) => {
      const indent = t.trim() ? t.length - t.trimStart().length - margin : 0;
      return indent > 0 ? { line: i + 1, page: 1, text: t.trim(), indent } : { line: i + 1, page: 1, text: t.trim() };
    }),
  };
}

describe("the normaliser on the indents of an extraction that kept the page's layout", () => {
  const blocks = (lines: string[]) => {
    const doc = normalise(physical(lines), undefined, { kind: "advice" });
    return doc.children.map((b) => [b.type, blockText(b).slice(0, 40)]);
  };

  it("opens a paragraph at a first-line indent where the line before closes a sentence at the measure", () => {
    const text = [
      "De raad heeft de minister op 3 februari gevraagd hoe werkende mantelzorgers",
      "kunnen worden ondersteund. Dit advies geeft antwoord en doet aanbevelingen.",
      "   Ruim twee miljoen werkenden combineren hun baan met zorg voor een naaste.",
      "Voor een op de acht van hen is die combinatie zwaar, blijkt uit de enquête.",
      "   Werkgevers kunnen veel doen met kleine aanpassingen in het rooster, zegt",
      "de raad, en met een aanspreekpunt voor werknemers die mantelzorg verlenen.",
    ];
    expect(blocks(text)).toEqual([
      ["paragraph", "De raad heeft de minister op 3 februari "],
      ["paragraph", "Ruim twee miljoen werkenden combineren h"],
      ["paragraph", "Werkgevers kunnen veel doen met kleine a"],
    ]);
  });

  it("reads lines set in after a colon as the items of a list whose markers are not text", () => {
    const text = [
      "          De raad hanteert bij zijn aanbevelingen de volgende uitgangspunten, die hij",
      "          in de gesprekken met werkgevers en werknemers heeft getoetst en aangevuld:",
      "",
      "               Mantelzorg is een vrije keuze en mag niet worden afgedwongen.",
      "               Werkende mantelzorgers moeten zorg en werk kunnen combineren zonder",
      "               blijvend inkomens- of pensioenverlies.",
      "               De verantwoordelijkheid wordt gedeeld door overheid en werkgevers.",
      "",
      "          Deze uitgangspunten komen terug in elk van de aanbevelingen hieronder, die",
      "          de raad in volgorde van belang geeft.",
    ];
    expect(blocks(text)).toEqual([
      ["paragraph", "De raad hanteert bij zijn aanbevelingen "],
      ["list", "Mantelzorg is een vrije keuze en mag nie"],
      ["paragraph", "Deze uitgangspunten komen terug in elk v"],
    ]);
  });

  it("ends a paragraph at a short line that closes a sentence where the extraction set no empty line, as it did elsewhere", () => {
    const text = [
      "Het is kwart over acht als de eerste kinderen binnenkomen. In de aula staan twee",
      "lange tafels met bruin brood, kaas, appels en pakken melk voor alle kinderen die",
      "er ’s ochtends zonder ontbijt aankomen.",
      "",
      "Hofstede is sinds 2017 directeur van De Wilgenhoek, een school met ruim tweehonderd",
      "leerlingen in een naoorlogse wijk aan de rand van de stad, waar veel gezinnen van",
      "een laag inkomen rond moeten komen.",
      "Armoede zie je niet altijd meteen, vertelt Hofstede. Het zit in kleine dingen, in",
      "een kind dat niet meegaat op schoolreis en dan ineens ziek is, of in een jas die",
      "in november nog steeds te dun is.",
      "",
      "Wat armoede met kinderen doet, gaat verder dan wat er in de broodtrommel zit, en",
      "kinderen die opgroeien in financiële stress hebben vaak moeite om zich op school",
      "te concentreren.",
    ];
    expect(blocks(text).map((b) => b[1])).toEqual([
      "Het is kwart over acht als de eerste kin",
      "Hofstede is sinds 2017 directeur van De ",
      "Armoede zie je niet altijd meteen, verte",
      "Wat armoede met kinderen doet, gaat verd",
    ]);
  });

  it("goes on at a line at the edge after a sentence end where the paragraphs open with a first-line indent", () => {
    const text = [
      "   De raad heeft de minister op 3 februari gevraagd hoe werkende mantelzorgers",
      "kunnen worden ondersteund en welke rol werkgevers daarbij hebben.",
      "Het advies geeft daarop antwoord en doet aanbevelingen aan de regering en aan",
      "de sociale partners in de cao's.",
      "   Ruim twee miljoen werkenden combineren hun baan met zorg voor een naaste.",
      "Voor een op de acht van hen is die combinatie zwaar, blijkt uit de enquête.",
      "   Werkgevers kunnen veel doen met kleine aanpassingen in het rooster, zegt",
      "de raad, en met een aanspreekpunt voor werknemers die mantelzorg verlenen.",
      "   Een wettelijke ondergrens blijft nodig, want niet elke werkgever doet het",
      "uit zichzelf.",
    ];
    expect(blocks(text).map((b) => b[1])).toEqual([
      "De raad heeft de minister op 3 februari ",
      "Ruim twee miljoen werkenden combineren h",
      "Werkgevers kunnen veel doen met kleine a",
      "Een wettelijke ondergrens blijft nodig, ",
    ]);
  });

  it("ends a list whose markers are not text at an empty line and a line set back out, one space of the grid aside", () => {
    const text = [
      "          Laaggeletterdheid komt vaker voor in functies met de volgende kenmerken:",
      "",
      "               veel routinematig handwerk",
      "               wisselende ploegendiensten",
      "               een hoog aandeel uitzendkrachten en zzp’ers",
      "",
      "           Juist in die functies is het bereik van scholing het laagst.",
    ];
    expect(blocks(text)).toEqual([
      ["paragraph", "Laaggeletterdheid komt vaker voor in fun"],
      ["list", "veel routinematig handwerk wisselende pl"],
      ["paragraph", "Juist in die functies is het bereik van "],
    ]);
  });

  it("takes a note set in over the line under it, at a column's foot, for a note, not a numbered heading", () => {
    const text = [
      "In september 2024 heeft de minister van Volkshuisvesting en Ruimtelijke Ordening de raad",
      "gevraagd te adviseren over de sociaal-economische gevolgen van de warmtetransitie.1 De",
      "adviesaanvraag bevat drie vragen, die de raad in dit advies achtereenvolgens beantwoordt.",
      "",
      "   1 Adviesaanvraag van de minister van Volkshuisvesting en",
      "Ruimtelijke Ordening van 19 september 2024, kenmerk 2024-0000512.",
    ];
    const doc = normalise(physical(text), undefined, { kind: "advice" });
    expect(doc.children.map((b) => b.type)).toEqual(["paragraph"]);
    expect(doc.notes.map((n) => n.children.map((c) => ("value" in c ? c.value : "")).join(""))).toEqual([
      "Adviesaanvraag van de minister van Volkshuisvesting en Ruimtelijke Ordening van 19 september 2024, kenmerk 2024-0000512.",
    ]);
  });

  it("reads lines set in under a heading as the items of a list whose markers are not text", () => {
    const text = [
      "          De voorzitter dankt de leden voor hun inbreng en sluit de bespreking van het",
      "          werkprogramma af met de afspraak dat het in april opnieuw wordt besproken.",
      "",
      "          Actiepunten",
      "               Het secretariaat stuurt vóór 1 april de reactie van de minister op het advies",
      "               over arbeidsmigratie met een korte analyse rond.",
      "               De commissie Wonen en Werk past het ontwerpadvies aan en legt het in",
      "               september ter vaststelling voor.",
    ];
    expect(blocks(text).map((b) => b[0])).toEqual(["paragraph", "heading", "list"]);
  });

  it("reads a line set in under a heading whose sentence goes on at the edge as a paragraph's first line", () => {
    // (LaTeX sets in the first line of the paragraph under a heading too; an item's lines stand in alike)
    const text = [
      "          1 Inleiding",
      "              Dit advies is opgesteld op verzoek van de minister van Volksgezondheid, Welzijn",
      "          en Sport en de minister van Sociale Zaken en Werkgelegenheid. Het is op 20 november",
      "          2026 vastgesteld in de openbare vergadering van de raad.",
    ];
    expect(blocks(text).map((b) => b[0])).toEqual(["heading", "paragraph"]);
  });
});

import { PLACEHOLDER } from "./placeholders.ts";

/**
 * Dutch function words that are not English words (so "in", "is", "was",
 * "had", "of", "over", "die", "door", "we" are left out). Their presence in an
 * English text means Dutch was left in it.
 */
export const DUTCH_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  "de", "het", "een", "en", "van", "voor", "niet", "zijn", "wordt", "worden", "werd", "werden", "dat", "deze", "dit",
  "met", "ook", "maar", "bij", "naar", "uit", "om", "op", "te", "er", "nog", "wel", "zo", "dan", "als", "aan",
  "hebben", "heeft", "kan", "kunnen", "moet", "moeten", "zal", "zullen", "wij", "zij", "hun", "hij", "haar",
  "geen", "meer", "wat", "wie", "waar", "hoe", "omdat", "zoals", "tussen", "onder", "tegen", "tot", "zich", "ons",
  "onze", "ik", "jij", "nu", "toch", "veel", "waren", "wordt", "daarbij", "hierbij", "daarom", "echter", "ofwel",
  "welke", "wanneer", "waarin", "waarbij", "hiervoor", "daarvoor", "binnen", "zonder", "volgens", "sinds", "tijdens",
  "vooral", "steeds", "alle", "andere", "heel", "gaat", "komt", "krijgen", "mensen", "ze", "der", "den",
]);

/** Name particles: "van", "de", "der" before a capital are part of a name (Van der Veen, Frank van Lenthe). */
const PARTICLES = new Set(["van", "de", "der", "den", "ten", "ter", "het", "op", "te"]);

/**
 * The Dutch function words in an English text, leaving out text that may
 * rightly stay Dutch: what stands in quotation marks or inside an inline code
 * pair (a title in italics, a foreign-language span), and name particles.
 */
export function dutchWords(text: string): string[] {
  const bare = text
    .replace(/\{(\d+)\}[\s\S]*?\{\/\1\}/g, " ")
    .replace(PLACEHOLDER, " ")
    .replace(/‘[^’]*(?:’(?!\p{L})|$)|“[^”]*”|"[^"]*"/gu, " ");
  const words = bare.match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? [];
  const found: string[] = [];
  words.forEach((w, i) => {
    const lower = w.toLowerCase();
    if (!DUTCH_FUNCTION_WORDS.has(lower)) return;
    // A particle (or a run of them: "Van der") before a capitalised word is part of a name.
    let j = i;
    while (j < words.length && PARTICLES.has(words[j]!.toLowerCase())) j++;
    if (PARTICLES.has(lower) && j > i && words[j] && /^\p{Lu}/u.test(words[j]!)) return;
    found.push(w);
  });
  return found;
}

/**
 * True if an English text looks partly Dutch: at least two Dutch function
 * words making up at least an eighth of its words, or four or more.
 */
export function looksDutch(text: string): { dutch: boolean; words: string[] } {
  const words = dutchWords(text);
  const total = (text.replace(PLACEHOLDER, " ").match(/\p{L}+/gu) ?? []).length;
  const dutch = words.length >= 4 || (words.length >= 2 && words.length / Math.max(total, 1) >= 0.125);
  return { dutch, words };
}

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { strFromU8, unzipSync } from "fflate";
import { TweeluikError } from "../errors.ts";
import { inlinesOf, plainText } from "../document/text.ts";
import type { Block, Inline } from "../document/types.ts";
import { fromMarkdown } from "../markdown/from-markdown.ts";
import { dutchWords } from "../translate/dutch.ts";
import type { Artefact, Manifest } from "./manifest.ts";

/**
 * Sentences of an English edition's text that are Dutch: at least four Dutch
 * function words making up a quarter of the words. Addresses and bibliographic
 * references (Dutch titles are cited as they are, with an English gloss) do
 * not count.
 */
export function dutchSentences(text: string): string[] {
  const sentences = text
    .replace(/-\n/g, "")
    .replace(/\b(?:https?:\/\/|www\.)\S+/g, " ") // addresses stay as they are
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?:;])\s+/);
  // A bibliographic reference cites Dutch titles as they are, glossed: "SER (2021) advisory report
  // Zekerheid voor mensen … (A secure existence …)". Those are kept in Dutch on purpose.
  const citation = (s: string) => /\(\d{4}\)/.test(s) || /\((?:[A-Z][a-z]|A )[^)]*(?:\)|$)/.test(s);
  return sentences.filter((s) => {
    if (citation(s)) return false;
    const words = s.match(/\p{L}+/gu) ?? [];
    const dutch = dutchWords(s).length;
    return dutch >= 4 && dutch / words.length >= 0.25;
  });
}

/** One finding of `tweeluik check` about one file. */
export interface CheckResult {
  path: string;
  check: string;
  ok: boolean;
  detail: string;
}

const EPUBCHECK = "/usr/share/java/epubcheck.jar";

function run(cmd: string, args: string[]): { status: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  if (r.error) throw new TweeluikError("tool:missing", `${cmd} is not installed (run npm run build as root, or apt-get install poppler-utils qpdf epubcheck)`);
  return { status: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

/**
 * Text as compared: white space and soft hyphens as one space, none after a
 * hyphen or a slash that ended a line (a word or an address broken there: the
 * PDF writer adds no hyphen after a slash), on both sides of a comparison.
 */
const squash = (s: string) => s.replace(/[\s\u00ad]+/g, " ").replace(/([-/]) /g, "$1").trim();

/** The headings of an edition's Markdown, as printed (numbers kept, ids and markup dropped). */
export function markdownHeadings(md: string): string[] {
  return md
    .split("\n")
    .filter((l) => /^#{1,3} /.test(l))
    .map((l) =>
      l
        .replace(/^#+ /, "")
        .replace(/\s*\{[^}]*\}\s*$/, "")
        .replace(/\[\^[^\]]+\]/g, "")
        .replace(/\[([^\]]*)\]\{[^}]*\}/g, "$1")
        .replace(/[*_\\]/g, "")
        .trim(),
    );
}

/** Words that open a block, normalised as `squash` does and lower-cased. */
const opening = (s: string, words: number): string =>
  squash(s.replace(/^\s*\d+(?:\.\d+)*\.?\s+/, "")).toLowerCase().split(" ").slice(0, words).join(" ");

/**
 * The openings (first six words) of every text block of an edition's Markdown
 * in document order: headings, paragraphs, list items, quotes, captions, box
 * titles, article titles and leads. Notes are left out (a PDF sets them at the
 * page foot or after the text); openings of fewer than four words are too
 * common to place.
 */
export function readingKeys(md: string): string[] {
  const doc = fromMarkdown(md, "edition.md");
  const out: string[] = [];
  const add = (ins: readonly Inline[] | undefined): void => {
    const k = opening(plainText(ins ?? []), 6);
    if (k.split(" ").length >= 4) out.push(k);
  };
  const walk = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      const text = inlinesOf(b);
      if (text) add(text);
      else {
        if (b.type === "box" || b.type === "article") add(b.title);
        if (b.type === "article") add(b.lead);
        walk(b.children as readonly Block[]); // a container: inlinesOf took every block of running text
      }
    }
  };
  walk(doc.children);
  return out;
}

/**
 * How many block openings a PDF's extracted text has in the document's order:
 * the longest chain of openings found at increasing positions (an opening may
 * occur more than once; any one occurrence may serve). The rest are either
 * missing from the text or out of order.
 */
export function readingOrder(keys: readonly string[], text: string): { inOrder: number; missing: string[]; outOfOrder: string[] } {
  const flat = squash(text).toLowerCase();
  const occurrences = keys.map((k) => {
    const at: number[] = [];
    for (let i = flat.indexOf(k); i !== -1 && at.length < 8; i = flat.indexOf(k, i + 1)) at.push(i);
    return at;
  });
  // best[i][o]: the longest chain ending at key i, occurrence o; prev for the way back.
  const best = occurrences.map((at) => at.map(() => 1));
  const prev = occurrences.map((at) => at.map((): [number, number] | undefined => undefined));
  let end: [number, number] | undefined;
  occurrences.forEach((at, i) => {
    at.forEach((pos, o) => {
      for (let j = 0; j < i; j++)
        occurrences[j]!.forEach((p, q) => {
          if (p < pos && best[j]![q]! + 1 > best[i]![o]!) {
            best[i]![o] = best[j]![q]! + 1;
            prev[i]![o] = [j, q];
          }
        });
      if (!end || best[i]![o]! > best[end[0]]![end[1]]!) end = [i, o];
    });
  });
  const chain = new Set<number>();
  for (let at = end; at; at = prev[at[0]]![at[1]]) chain.add(at[0]);
  const missing = keys.filter((_, i) => occurrences[i]!.length === 0);
  const outOfOrder = keys.filter((_, i) => occurrences[i]!.length > 0 && !chain.has(i));
  return { inOrder: chain.size, missing, outOfOrder };
}

/** Check one PDF with poppler and qpdf: fonts embedded, outline, /Lang, title and headings in the text, no broken glyphs. */
export function checkPdf(output: string, a: Artefact, title: string): CheckResult[] {
  const file = join(output, a.path);
  const res: CheckResult[] = [];
  const add = (check: string, ok: boolean, detail: string) => res.push({ path: a.path, check, ok, detail });

  const fonts = run("pdffonts", [file]).out.split("\n").slice(2).filter((l) => l.trim());
  const unembedded = fonts.filter((l) => l.trim().split(/\s+/).at(-5) !== "yes");
  add("fonts embedded", fonts.length > 0 && unembedded.length === 0, `${fonts.length} fonts${unembedded.length ? `; not embedded: ${unembedded.map((l) => l.split(/\s+/)[0]).join(", ")}` : ""}`);

  const q = run("qpdf", ["--json", file]);
  let outlines = 0;
  let lang = "";
  try {
    const json = JSON.parse(q.out) as { outlines?: unknown[]; qpdf?: [unknown, Record<string, { value?: Record<string, unknown> }>] };
    outlines = json.outlines?.length ?? 0;
    for (const obj of Object.values(json.qpdf?.[1] ?? {})) {
      const v = obj.value;
      if (v?.["/Type"] === "/Catalog") lang = String(v["/Lang"] ?? "").replace(/^u:/, "");
    }
  } catch {
    add("qpdf", false, "qpdf --json did not give JSON");
  }
  add("outline", outlines > 0, `${outlines} top-level bookmarks`);
  add("/Lang", lang.toLowerCase().startsWith(a.lang), lang || "missing");

  const text = run("pdftotext", ["-enc", "UTF-8", file, "-"]).out;
  const flat = squash(text);
  add("title in text", flat.includes(squash(title)), title);
  if (a.lang === "en") {
    const nl = dutchSentences(text);
    add("no Dutch sentences", nl.length === 0, nl.length ? `${nl.length}: ${nl.slice(0, 2).map((x) => `"${x.slice(0, 80)}"`).join(", ")}` : "none");
  }
  const broken = (text.match(/[\uFFFD\u25A1]|\(cid:\d+\)/g) ?? []).length;
  add("no broken glyphs", broken === 0, broken ? `${broken} replacement characters` : "none");

  const md = join(output, a.path.replace(/\.pdf$/, ".md"));
  if (existsSync(md)) {
    const headings = markdownHeadings(readFileSync(md, "utf8"));
    // Every heading in order. Matched backwards from the end, each before the one after it, so the
    // body's headings are found rather than the contents page's (which lists them in the same order).
    const body = flat.toLowerCase();
    let at = body.length;
    const missing: string[] = [];
    for (const h of [...headings].reverse()) {
      const needle = squash(h.replace(/^\d+(?:\.\d+)*\.?\s+/, "")).toLowerCase();
      const i = body.lastIndexOf(needle, at - needle.length);
      if (i === -1) missing.unshift(h);
      else at = i;
    }
    const keys = readingKeys(readFileSync(md, "utf8"));
    const order = readingOrder(keys, text);
    const wrong = [...order.missing.map((k) => `missing "${k}"`), ...order.outOfOrder.map((k) => `out of order "${k}"`)];
    add("text in reading order", wrong.length === 0, `${order.inOrder}/${keys.length} blocks${wrong.length ? `; ${wrong.slice(0, 3).join(", ")}` : ""}`);
    add("headings in order", missing.length === 0, `${headings.length - missing.length}/${headings.length}${missing.length ? `; not found in order: ${missing.slice(0, 3).map((m) => `"${m}"`).join(", ")}` : ""}`);
  }
  return res;
}

/** Check one EPUB: epubcheck without errors or warnings, fonts and cover inside. */
export function checkEpub(output: string, a: Artefact): CheckResult[] {
  const file = join(output, a.path);
  const res: CheckResult[] = [];
  const add = (check: string, ok: boolean, detail: string) => res.push({ path: a.path, check, ok, detail });
  if (!existsSync(EPUBCHECK)) throw new TweeluikError("tool:missing", "epubcheck is not installed (apt-get install epubcheck)", { file: EPUBCHECK });
  const r = run("java", ["-jar", EPUBCHECK, file]);
  const clean = r.status === 0 && /No errors or warnings detected/.test(r.out);
  const messages = r.out.split("\n").filter((l) => /^(ERROR|WARNING|FATAL)/.test(l));
  add("epubcheck", clean, clean ? "0 errors, 0 warnings" : messages.slice(0, 3).join(" | ") || r.out.slice(-300));
  if (a.lang === "en") {
    const pages = unzipSync(readFileSync(file), { filter: (f) => f.name.endsWith(".xhtml") });
    const text = Object.values(pages).map((d) => strFromU8(d).replace(/<[^>]+>/g, " ").replace(/&[a-z#0-9]+;/g, " ")).join("\n");
    const nl = dutchSentences(text);
    add("no Dutch sentences", nl.length === 0, nl.length ? `${nl.length}: ${nl.slice(0, 2).map((x) => `"${x.slice(0, 80)}"`).join(", ")}` : "none");
  }
  const names = Object.keys(unzipSync(readFileSync(file), { filter: (f) => !f.name.endsWith("/") && /\.(ttf|otf|woff|svg|png|jpe?g)$/i.test(f.name) }));
  const fonts = names.filter((n) => /\.(ttf|otf|woff)$/i.test(n));
  add("fonts inside", fonts.length > 0, `${fonts.length} font files`);
  add("cover inside", names.some((n) => /cover/i.test(n)), names.find((n) => /cover/i.test(n)) ?? "no cover image");
  return res;
}

/** Check every PDF and EPUB listed in output/manifest.json. */
export function checkOutput(output: string, titles: (slug: string, lang: string) => string): CheckResult[] {
  const file = join(output, "manifest.json");
  if (!existsSync(file)) throw new TweeluikError("input:missing", "no manifest: run `npm run build` first", { file });
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  return manifest.artefacts.flatMap((a) => (a.format === "pdf" ? checkPdf(output, a, titles(a.slug, a.lang)) : a.format === "epub" ? checkEpub(output, a) : []));
}

/** `tweeluik check`: verify the built editions with the real tools; exit 1 on any failed check. */
export async function checkCommand(argv: string[], root: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { help: { type: "boolean", short: "h" }, output: { type: "string" }, verbose: { type: "boolean" } } });
  if (values.help) {
    process.stdout.write(
      "tweeluik check [--output DIR] [--verbose]\n\nChecks every PDF and EPUB in output/manifest.json with the real tools: pdffonts (every font\nembedded), qpdf (outline, /Lang), pdftotext (title, every heading and every text block in order, no broken\nglyphs, no Dutch sentences in English editions), epubcheck (no errors or warnings), and that fonts and a cover are inside each EPUB.\nExit 1 when any check fails.\n",
    );
    return 0;
  }
  const { loadYamlConfig } = await import("../config/load.ts");
  const { sourceConfigSchema } = await import("../config/schema.ts");
  const output = values.output ?? join(root, "output");
  const results = checkOutput(output, (slug, lang) => loadYamlConfig(join(root, "source", `${slug}.yaml`), sourceConfigSchema).title[lang as "nl" | "en"]);
  const failed = results.filter((r) => !r.ok);
  for (const r of values.verbose ? results : failed) process.stdout.write(`${r.ok ? "ok  " : "FAIL"} ${r.path}: ${r.check}: ${r.detail}\n`);
  const files = new Set(results.map((r) => r.path)).size;
  process.stdout.write(`${files} files, ${results.length} checks, ${failed.length} failed\n`);
  return failed.length ? 1 : 0;
}

/**
 * EPUBs in a real reading engine: `npm run screenshot:epub -- [--out DIR]
 * [--chapter HREF[#ID]] [--page N] FILE.epub…` opens each EPUB in epub.js
 * (paginated, one phone-sized page) in headless Chromium, shows one chapter
 * (at the page holding ID, then N - 1 pages on) and writes a PNG to DIR
 * (default output/screenshots/) as `<lang>-<slug>.png`. Without --chapter it
 * shows the first page of the chapter whose text has the most distinct
 * characters, so the picture holds as many glyphs as one chapter can.
 *
 * It also asks Chromium which fonts it really drew every content document
 * with (DevTools `CSS.getPlatformFontsForNode`, after the web fonts loaded):
 * any font other than the house fonts the EPUB embeds means a character the
 * embedded fonts lack, drawn in a fallback font. Exit 1 when any EPUB has
 * such text, 2 when Chromium cannot run.
 *
 * Chromium is the system one (PUPPETEER_EXECUTABLE_PATH, else
 * /usr/bin/chromium), driven through puppeteer-core, which Ace by DAISY
 * brings (dev dependencies); epub.js is a dev dependency too.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { strFromU8, unzipSync } from "fflate";
import * as fontkit from "fontkit";
import { TweeluikError } from "../errors.ts";
import { chromiumPath } from "./check-a11y.ts";

const require = createRequire(import.meta.url);

/** Page size of the reading engine's viewport, in CSS pixels (a phone held upright). */
export const VIEWPORT = { width: 480, height: 760 };

export interface FontsUsed {
  /** Content document (zip entry). */
  href: string;
  /** Family name of each font Chromium drew glyphs with, and how many glyphs. */
  fonts: Record<string, number>;
}

export interface EngineResult {
  file: string;
  /** The chapter shown in the screenshot. */
  chapter: string;
  /** The PNG written, if asked for. */
  png?: string;
  /** Every content document in the spine, with the fonts it was drawn with. */
  documents: FontsUsed[];
  /** Documents and fonts outside the embedded families: fallback glyphs. */
  fallbacks: { href: string; font: string; glyphs: number }[];
}

/**
 * The system Chromium, headless, as the screenshots of EPUBs and PDFs use it:
 * no hinting and an sRGB colour profile, so pictures are the same from run to run.
 */
export async function launchChromium(): Promise<import("puppeteer-core").Browser> {
  let launch: typeof import("puppeteer-core").launch;
  try {
    ({ launch } = await import("puppeteer-core"));
  } catch (cause) {
    throw new TweeluikError("tool:missing", "puppeteer-core is not installed: run `npm ci` (it comes with the dev dependency @daisy/ace-cli)", { cause });
  }
  return launch({ executablePath: chromiumPath(), headless: true, args: ["--no-sandbox", "--font-render-hinting=none", "--force-color-profile=srgb"] });
}

function script(spec: string): string {
  try {
    return require.resolve(spec);
  } catch (cause) {
    throw new TweeluikError("tool:missing", `${spec} is not installed: run \`npm ci\` (epubjs is a dev dependency)`, { cause });
  }
}

/**
 * The names Chromium may report for the fonts an EPUB embeds: each font
 * file's own family names (name IDs 1 and 16: a semibold face is often its
 * own family, "Source Sans 3 SemiBold") and the families its style sheets
 * give them in @font-face.
 */
function embeddedFamilies(files: Record<string, Uint8Array>): Set<string> {
  const out = new Set<string>();
  for (const [name, bytes] of Object.entries(files)) {
    if (/\.(ttf|otf|woff2?)$/i.test(name)) {
      const font = fontkit.create(bytes);
      out.add(font.familyName);
      for (const key of ["fontFamily", "preferredFamily"]) for (const v of Object.values(font.name.records[key] ?? {})) out.add(v);
    }
    if (name.endsWith(".css")) {
      for (const m of strFromU8(bytes).matchAll(/@font-face\s*\{[^}]*font-family:\s*["']?([^"';]+)["']?/g)) out.add(m[1]!.trim());
    }
  }
  return out;
}

/** Spine documents in reading order (zip entry names relative to the package document). */
function spine(files: Record<string, Uint8Array>): { opfDir: string; hrefs: string[] } {
  const container = strFromU8(files["META-INF/container.xml"] ?? new Uint8Array());
  const opfName = /full-path="([^"]+)"/.exec(container)?.[1];
  if (!opfName || !files[opfName]) throw new Error("the EPUB names no package document");
  const opf = strFromU8(files[opfName]);
  const items = new Map<string, string>();
  for (const m of opf.matchAll(/<item\b[^>]*\bid="([^"]+)"[^>]*\bhref="([^"]+)"/g)) items.set(m[1]!, m[2]!);
  const hrefs = [...opf.matchAll(/<itemref\b[^>]*\bidref="([^"]+)"/g)].map((m) => items.get(m[1]!)).filter((h): h is string => !!h);
  return { opfDir: opfName.includes("/") ? opfName.slice(0, opfName.lastIndexOf("/") + 1) : "", hrefs };
}

/** The chapter with the most distinct characters in its text. */
function richestChapter(files: Record<string, Uint8Array>, opfDir: string, hrefs: string[]): string {
  let best = hrefs[0] ?? "";
  let most = -1;
  for (const h of hrefs) {
    if (!/(^|\/)ch\d+\.xhtml$/.test(h)) continue;
    const text = strFromU8(files[opfDir + h] ?? new Uint8Array()).replace(/<head>[\s\S]*?<\/head>/, "").replace(/<[^>]*>/g, "");
    const n = new Set(text).size;
    if (n > most) [best, most] = [h, n];
  }
  return best;
}

/**
 * Open EPUBs in epub.js in one headless Chromium: screenshot a chapter of
 * each (when `outDir` is given) and report the fonts every spine document
 * was drawn with.
 */
export async function openInEngine(epubs: readonly string[], opts: { outDir?: string; chapter?: string; page?: number } = {}): Promise<EngineResult[]> {
  const libs = [script("jszip/dist/jszip.min.js"), script("epubjs/dist/epub.min.js")];
  const browser = await launchChromium();
  const results: EngineResult[] = [];
  try {
    for (const epub of epubs) {
      const file = resolve(epub);
      const bytes = readFileSync(file);
      const files = unzipSync(new Uint8Array(bytes));
      const families = embeddedFamilies(files);
      const { opfDir, hrefs } = spine(files);
      const chapter = opts.chapter ?? richestChapter(files, opfDir, hrefs);

      const page = await browser.newPage();
      await page.setViewport({ ...VIEWPORT, deviceScaleFactor: 1 });
      await page.setContent(`<!DOCTYPE html><html><head><style>html,body{margin:0;background:#fff}#viewer{width:${VIEWPORT.width}px;height:${VIEWPORT.height}px}</style></head><body><div id="viewer"></div></body></html>`);
      for (const path of libs) await page.addScriptTag({ path });
      await page.evaluate(async (b64: string, w: number, h: number) => {
        const bin = atob(b64);
        const buf = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
        const g = window as unknown as Record<string, unknown>;
        const book = (g["ePub"] as (data: ArrayBuffer) => unknown)(buf.buffer);
        g["book"] = book;
        g["rendition"] = (book as { renderTo(el: string, o: object): unknown }).renderTo("viewer", { width: w, height: h, spread: "none", flow: "paginated" });
        await (book as { ready: Promise<unknown> }).ready;
      }, bytes.toString("base64"), VIEWPORT.width, VIEWPORT.height);

      const cdp = await page.createCDPSession();
      await cdp.send("DOM.enable");
      await cdp.send("CSS.enable");
      const documents: FontsUsed[] = [];
      // Every spine document, the chapter to photograph last so it stays on screen.
      for (const href of [...hrefs.filter((h) => h !== chapter), chapter]) {
        await page.evaluate(async (target: string) => {
          const r = (window as unknown as { rendition: { display(t: string): Promise<void>; getContents(): { document: Document }[] } }).rendition;
          await r.display(target);
          for (const c of r.getContents()) {
            await c.document.fonts.ready;
            await Promise.all([...c.document.fonts].map((f) => f.load().catch(() => undefined)));
          }
        }, href);
        await new Promise((done) => setTimeout(done, 150));
        documents.push({ href, fonts: await fontsDrawn(cdp) });
      }
      for (let i = 1; i < (opts.page ?? 1); i++) {
        await page.evaluate(() => (window as unknown as { rendition: { next(): Promise<void> } }).rendition.next());
      }
      await new Promise((done) => setTimeout(done, 150));
      let png: string | undefined;
      if (opts.outDir) {
        mkdirSync(opts.outDir, { recursive: true });
        const lang = basename(dirname(file));
        png = join(opts.outDir, `${/^[a-z]{2}$/.test(lang) ? `${lang}-` : ""}${basename(file, ".epub")}.png`);
        writeFileSync(png, await page.screenshot({ type: "png" }));
      }
      await page.close();
      const fallbacks = documents.flatMap((d) => Object.entries(d.fonts).filter(([f]) => !families.has(f)).map(([font, glyphs]) => ({ href: d.href, font, glyphs })));
      results.push({ file, chapter, png, documents, fallbacks });
    }
  } finally {
    await browser.close();
  }
  return results;
}

interface CdpNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  children?: CdpNode[];
  contentDocument?: CdpNode;
}

/** The fonts Chromium drew the text in the reading engine's iframe(s) with: family → glyphs. */
async function fontsDrawn(cdp: { send(method: string, params?: object): Promise<unknown> }): Promise<Record<string, number>> {
  const { root } = (await cdp.send("DOM.getDocument", { depth: -1, pierce: true })) as { root: CdpNode };
  const textParents: number[] = [];
  const visit = (n: CdpNode, inFrame: boolean) => {
    if (n.contentDocument) visit(n.contentDocument, true);
    if (inFrame && n.nodeType === 1 && (n.children ?? []).some((c) => c.nodeType === 3)) textParents.push(n.nodeId);
    for (const c of n.children ?? []) visit(c, inFrame);
  };
  visit(root, false);
  const fonts: Record<string, number> = {};
  for (const nodeId of textParents) {
    const r = (await cdp.send("CSS.getPlatformFontsForNode", { nodeId })) as { fonts: { familyName: string; glyphCount: number }[] };
    for (const f of r.fonts) fonts[f.familyName] = (fonts[f.familyName] ?? 0) + f.glyphCount;
  }
  return fonts;
}

async function main(argv: string[]): Promise<number> {
  let outDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../output/screenshots");
  let chapter: string | undefined;
  let pageNo = 1;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--out") outDir = resolve(argv[++i] ?? "");
    else if (a === "--chapter") chapter = argv[++i];
    else if (a === "--page") pageNo = Number(argv[++i]);
    else if (a.startsWith("-")) {
      console.error(`unknown option ${a}\nusage: screenshot.ts [--out DIR] [--chapter HREF[#ID]] [--page N] FILE.epub…`);
      return 2;
    } else files.push(a);
  }
  const missing = files.find((f) => !existsSync(f));
  if (files.length === 0 || missing) {
    console.error(missing ? `${missing}: no such file` : "usage: screenshot.ts [--out DIR] [--chapter HREF[#ID]] [--page N] FILE.epub…");
    return 2;
  }
  let results: EngineResult[];
  try {
    results = await openInEngine(files, { outDir, chapter, page: pageNo });
  } catch (err) {
    console.error(err instanceof TweeluikError ? err.format() : String(err));
    return 2;
  }
  for (const r of results) {
    const fonts = new Map<string, number>();
    for (const d of r.documents) for (const [f, n] of Object.entries(d.fonts)) fonts.set(f, (fonts.get(f) ?? 0) + n);
    console.log(`${r.fallbacks.length ? "FALLBACK" : "ok"} ${relative(process.cwd(), r.file)}: ${r.chapter} → ${r.png ? relative(process.cwd(), r.png) : "-"}`);
    console.log(`    fonts drawn: ${[...fonts].map(([f, n]) => `${f} ${n}`).join(", ")}`);
    for (const f of r.fallbacks) console.log(`    ${f.href}: ${f.glyphs} glyph(s) in ${f.font}`);
  }
  return results.some((r) => r.fallbacks.length > 0) ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}

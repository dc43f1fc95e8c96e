import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { setPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { PDFDocument, popGraphicsState, pushGraphicsState, rgb, concatTransformationMatrix } from "pdf-lib";
import { TweeluikError } from "../errors.ts";
import { writeFileAtomic } from "./files.ts";

/** Pixel widths of the catalogue's cover images (3:4, like the EPUB cover). */
export const COVER_PX = 600;
export const THUMB_PX = 200;

/** The cover files of one edition, as paths relative to the output folder. */
export interface CoverFiles {
  image: string;
  thumbnail: string;
  type: "image/png";
}

/** An edition's cover image and thumbnail as PNG bytes, and the file they were drawn from. */
export interface DrawnCover {
  /** sha256 (hex) of the EPUB or PDF the cover was drawn from. */
  from: string;
  image: Uint8Array;
  thumbnail: Uint8Array;
}

/**
 * Make an edition's cover image and thumbnail (PNG) for the catalogue: the
 * EPUB's own cover (the house-style SVG of pipeline/render-epub/cover.ts,
 * drawn into a one-page PDF with pdf-lib and rasterised by pdftoppm), or,
 * for an edition without an EPUB, the PDF's first page. The same edition
 * gives the same bytes: pdf-lib writes no date here and pdftoppm's PNG has
 * no timestamp. Files newer than their source are kept as they are.
 * `base` is where they go (`covers/nl/<slug>`, without extension). A cover
 * drawn beforehand from the same file (`drawn`, drawCover) is written as it is.
 */
export async function makeCover(output: string, base: string, source: { epub?: string; pdf?: string }, drawn?: Promise<DrawnCover | undefined>): Promise<CoverFiles | undefined> {
  const files: CoverFiles = { image: `${base}.png`, thumbnail: `${base}.thumb.png`, type: "image/png" };
  const from = source.epub ?? source.pdf;
  if (!from) return undefined;
  const srcTime = statSync(join(output, from)).mtimeMs;
  const fresh = (p: string) => existsSync(join(output, p)) && statSync(join(output, p)).mtimeMs >= srcTime;
  if (fresh(files.image) && fresh(files.thumbnail)) return files;
  const bytes = readFileSync(join(output, from));
  // (a cover that could not be drawn beforehand is drawn here, and its failure reported)
  const early = await drawn?.catch(() => undefined);
  const cover =
    early && early.from === sha256(bytes)
      ? early
      : await drawCover({ name: from, epub: source.epub ? bytes : undefined, pdf: source.pdf ? (source.epub ? readFileSync(join(output, source.pdf)) : bytes) : undefined });
  if (!cover) return undefined;
  writeFileAtomic(join(output, files.image), cover.image);
  writeFileAtomic(join(output, files.thumbnail), cover.thumbnail);
  return files;
}

/**
 * Draw an edition's cover image and thumbnail (see makeCover) from its EPUB's
 * bytes, or its PDF's where it has no EPUB or the EPUB has no cover of the
 * house's kind; undefined where neither gives one. `name` is the file named
 * in errors. pdftoppm runs at `priority` (a nice value) where one is given.
 */
export async function drawCover(source: { name: string; epub?: Uint8Array; pdf?: Uint8Array }, opts: { priority?: number } = {}): Promise<DrawnCover | undefined> {
  const first = source.epub ?? source.pdf;
  if (!first) return undefined;
  const svg = source.epub ? epubCoverSvg(source.name, source.epub) : undefined;
  if (svg === undefined && !source.pdf) return undefined;
  const tmp = mkdtempSync(join(tmpdir(), "tweeluik-cover-"));
  try {
    const page = join(tmp, "cover.pdf");
    writeFileAtomic(page, svg !== undefined ? await svgToPdf(svg) : source.pdf!);
    // (both sizes at once: pdftoppm runs beside this process, which goes on with other covers)
    const [image, thumbnail] = await Promise.all([COVER_PX, THUMB_PX].map((px, i) => rasterise(page, join(tmp, `out${i}`), px, source.name, opts.priority)));
    return { from: sha256(first), image: image!, thumbnail: thumbnail! };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The first page of `pdf` as a PNG `px` wide, through pdftoppm. */
function rasterise(pdf: string, png: string, px: number, from: string, priority: number | undefined): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = execFile("pdftoppm", ["-png", "-f", "1", "-l", "1", "-scale-to-x", String(px), "-scale-to-y", "-1", "-singlefile", pdf, png], { encoding: "utf8" }, (e, _stdout, stderr) => {
      if ((e as NodeJS.ErrnoException | null)?.code === "ENOENT") return reject(new TweeluikError("tool:missing", "pdftoppm is missing: apt-get install poppler-utils"));
      if (e) return reject(new TweeluikError("tool:failed", `pdftoppm failed: ${(stderr || e.message).trim()}`, { file: from }));
      if (!existsSync(`${png}.png`)) return reject(new TweeluikError("tool:failed", "pdftoppm wrote no image", { file: from }));
      resolve(readFileSync(`${png}.png`));
    });
    if (priority !== undefined && child.pid !== undefined) {
      try {
        setPriority(child.pid, priority);
      } catch {
        // (lowering one's own child's priority is always allowed; a refusal changes nothing else)
      }
    }
  });
}

/** The SVG cover image inside an EPUB (the manifest item with properties="cover-image"), if it is one. */
export function epubCoverSvg(epubFile: string, bytes: Uint8Array = readFileSync(epubFile)): string | undefined {
  const zip = unzipSync(bytes);
  const container = zip["META-INF/container.xml"];
  const opfPath = container && /full-path="([^"]+)"/.exec(strFromU8(container))?.[1];
  const opf = opfPath && zip[opfPath];
  if (!opfPath || !opf) return undefined;
  const item = /<item\b[^>]*properties="[^"]*cover-image[^"]*"[^>]*>/.exec(strFromU8(opf))?.[0];
  const href = item && /href="([^"]+)"/.exec(item)?.[1];
  if (!href || !href.endsWith(".svg")) return undefined;
  const dir = opfPath.includes("/") ? opfPath.slice(0, opfPath.lastIndexOf("/") + 1) : "";
  const svg = zip[`${dir}${decodeURIComponent(href)}`];
  return svg ? strFromU8(svg) : undefined;
}

/**
 * Draw the cover SVG into a one-page PDF. The cover is made of filled
 * rectangles and glyph-outline paths (`translate(x y) scale(k -k)` with
 * absolute commands), which pdf-lib draws as they are; an element of another
 * shape is an error rather than a cover with a part missing.
 */
export async function svgToPdf(svg: string): Promise<Uint8Array> {
  const size = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!size) throw new TweeluikError("render:failed", "cover SVG without a viewBox");
  const [w, h] = [Number(size[1]), Number(size[2])];
  const scale = 0.25;
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([w * scale, h * scale]);
  // User space = SVG units, origin at the top left, y up: an SVG point (x, y) is at (x, -y).
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(scale, 0, 0, scale, 0, h * scale));
  for (const m of svg.matchAll(/<(rect|path|circle|ellipse|line|polygon|polyline|text|image|g|use)\b([^>]*)\/?>/g)) {
    const [, tag, attrs] = m as unknown as [string, string, string];
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
    const fill = colour(attr("fill") ?? "#000000");
    if (tag === "rect") {
      const [x, y, rw, rh] = ["x", "y", "width", "height"].map((a) => Number(attr(a) ?? 0)) as [number, number, number, number];
      page.drawRectangle({ x, y: -(y + rh), width: rw, height: rh, color: fill });
    } else if (tag === "path") {
      const tr = /^translate\(([-\d.]+) ([-\d.]+)\) scale\(([-\d.]+) ([-\d.]+)\)$/.exec(attr("transform") ?? "translate(0 0) scale(1 1)");
      if (!tr) throw new TweeluikError("render:failed", `cover SVG: a path transform this drawing does not know: ${attr("transform")}`);
      const [tx, ty, kx, ky] = tr.slice(1).map(Number) as [number, number, number, number];
      if (kx !== -ky) throw new TweeluikError("render:failed", "cover SVG: a path scaled other than scale(k -k)");
      // pdf-lib flips the path's y (SVG is y-down); the glyph outlines are y-up already, so flip them back.
      page.drawSvgPath(flipY(attr("d") ?? ""), { x: tx, y: -ty, scale: kx, color: fill, borderWidth: 0 });
    } else {
      throw new TweeluikError("render:failed", `cover SVG: <${tag}> is not drawn into the catalogue's cover image`);
    }
  }
  page.pushOperators(popGraphicsState());
  return doc.save({ useObjectStreams: false });
}

/** Negate every y coordinate of an absolute path (M, L, Q, C, Z: every command takes x,y pairs). */
function flipY(d: string): string {
  return d.replace(/([MLQCZmlqcz])([^MLQCZmlqcz]*)/g, (_, cmd: string, args: string) => {
    if (/[mlqc]/.test(cmd)) throw new TweeluikError("render:failed", "cover SVG: relative path commands are not expected");
    const nums = args.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi) ?? [];
    return cmd + nums.map((n, i) => (i % 2 ? String(-Number(n)) : n)).join(" ");
  });
}

function colour(hex: string) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new TweeluikError("render:failed", `cover SVG: a fill this drawing does not know: ${hex}`);
  return rgb(parseInt(m[1]!, 16) / 255, parseInt(m[2]!, 16) / 255, parseInt(m[3]!, 16) / 255);
}

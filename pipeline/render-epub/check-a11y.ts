/**
 * Ace by DAISY on EPUBs: `npm run check:a11y` checks every EPUB in output/
 * (or the files named on the command line) and exits 1 when Ace reports a
 * serious or critical violation, 2 when Ace or Chromium cannot run.
 *
 * Ace runs as its own CLI (@daisy/ace-cli, one process per EPUB) on
 * puppeteer driving the system Chromium (PUPPETEER_EXECUTABLE_PATH, else
 * /usr/bin/chromium); no browser is ever downloaded.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pLimit from "p-limit";
import { TweeluikError } from "../errors.ts";

export const IMPACTS = ["critical", "serious", "moderate", "minor"] as const;
export type Impact = (typeof IMPACTS)[number];

export interface AceFinding {
  impact: Impact;
  /** Ace/axe rule id, e.g. "color-contrast". */
  rule: string;
  /** The content document inside the EPUB, e.g. "text/ch002.xhtml" or "EPUB/content.opf". */
  where: string;
  message: string;
  /** The offending markup, shortened. */
  html: string;
}

export interface AceResult {
  file: string;
  /** Ace's overall outcome ("pass" | "fail"). */
  outcome: string;
  counts: Record<Impact, number>;
  findings: AceFinding[];
  /** The accessibility metadata Ace read from the package document. */
  metadata: Record<string, unknown>;
}

const require = createRequire(import.meta.url);

/** The system Chromium puppeteer is to drive, or a TweeluikError("tool:missing"). */
export function chromiumPath(): string {
  const path = process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new TweeluikError(
      "tool:missing",
      `Chromium is not at ${path}: run \`npm run build\` as root (it installs it) or \`apt-get install chromium\`, or set PUPPETEER_EXECUTABLE_PATH`,
    );
  }
  return path;
}

function aceCli(): string {
  try {
    return require.resolve("@daisy/ace-cli/bin/ace.js");
  } catch (cause) {
    throw new TweeluikError("tool:missing", "Ace by DAISY is not installed: run `npm ci` (@daisy/ace-cli is a dev dependency)", { cause });
  }
}

/**
 * Run Ace on one EPUB and read its report.json: findings per impact. Reports
 * go to a temporary folder, or to `outdir` when given (report.html too).
 */
export async function runAce(epub: string, opts: { outdir?: string; timeoutMs?: number } = {}): Promise<AceResult> {
  if (typeof epub !== "string" || !existsSync(epub)) throw new TypeError(`Expected the path of an existing EPUB, got ${JSON.stringify(epub)}`);
  const file = resolve(epub);
  const executable = chromiumPath();
  const cli = aceCli();
  const outdir = opts.outdir ? resolve(opts.outdir) : mkdtempSync(join(tmpdir(), "tweeluik-ace-"));
  try {
    await new Promise<void>((done, fail) => {
      execFile(
        process.execPath,
        [cli, "--silent", "--force", "--outdir", outdir, file],
        {
          timeout: opts.timeoutMs ?? 300_000,
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: executable, PUPPETEER_SKIP_DOWNLOAD: "1", PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: "1" },
        },
        (err, stdout, stderr) => {
          if (err) fail(new TweeluikError("tool:failed", `Ace failed: ${(stderr || stdout || err.message).trim().split("\n").slice(-5).join(" | ")}`, { file, cause: err }));
          else done();
        },
      );
    });
    const reportFile = join(outdir, "report.json");
    if (!existsSync(reportFile)) throw new TweeluikError("tool:failed", "Ace wrote no report.json", { file });
    return readReport(file, JSON.parse(readFileSync(reportFile, "utf8")) as AceReport);
  } finally {
    if (!opts.outdir) rmSync(outdir, { recursive: true, force: true });
  }
}

interface AceReport {
  "earl:result"?: { "earl:outcome"?: string };
  "a11y-metadata"?: Record<string, unknown>;
  assertions?: {
    "earl:testSubject"?: { url?: string };
    assertions?: {
      "earl:test"?: { "earl:impact"?: string; "dct:title"?: string };
      "earl:result"?: { "dct:description"?: string; html?: string };
    }[];
  }[];
}

function readReport(file: string, report: AceReport): AceResult {
  const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const findings: AceFinding[] = [];
  for (const doc of report.assertions ?? []) {
    for (const a of doc.assertions ?? []) {
      const impact = a["earl:test"]?.["earl:impact"] as Impact;
      if (!IMPACTS.includes(impact)) continue;
      counts[impact] += 1;
      findings.push({
        impact,
        rule: a["earl:test"]?.["dct:title"] ?? "?",
        where: doc["earl:testSubject"]?.url ?? "?",
        message: (a["earl:result"]?.["dct:description"] ?? "").replace(/\s+/g, " ").trim(),
        html: (a["earl:result"]?.html ?? "").split("<!--##-->")[0]!.replace(/\s+/g, " ").trim().slice(0, 200),
      });
    }
  }
  return { file, outcome: report["earl:result"]?.["earl:outcome"] ?? "?", counts, findings, metadata: report["a11y-metadata"] ?? {} };
}

/** Whether a result has findings that fail the check (serious or critical). */
export function failsCheck(r: AceResult): boolean {
  return r.counts.critical > 0 || r.counts.serious > 0;
}

function epubsIn(output: string): string[] {
  const files: string[] = [];
  for (const lang of existsSync(output) ? readdirSync(output).sort() : []) {
    const dir = join(output, lang);
    if (!/^[a-z]{2}$/.test(lang)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith(".epub")) files.push(join(dir, f));
  }
  return files;
}

async function main(argv: string[]): Promise<number> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  const files = argv.length > 0 ? argv.map((f) => resolve(f)) : epubsIn(join(root, "output"));
  if (files.length === 0) {
    console.error("no EPUBs found in output/: run `npm run build` first");
    return 2;
  }
  const limit = pLimit(Math.max(1, Math.min(4, availableParallelism())));
  let results: AceResult[];
  try {
    results = await Promise.all(files.map((f) => limit(() => runAce(f))));
  } catch (err) {
    console.error(err instanceof TweeluikError ? err.format() : String(err));
    return 2;
  }
  let failing = 0;
  console.log(`Ace by DAISY on ${results.length} EPUB(s): critical / serious / moderate / minor`);
  for (const r of results) {
    const c = r.counts;
    const name = relative(process.cwd(), r.file) || basename(r.file);
    console.log(`${failsCheck(r) ? "FAIL" : "ok  "} ${name}: ${c.critical} / ${c.serious} / ${c.moderate} / ${c.minor}`);
    if (failsCheck(r)) failing += 1;
    for (const f of r.findings) {
      if (f.impact === "critical" || f.impact === "serious" || process.env.ACE_VERBOSE) {
        console.log(`     ${f.impact} ${f.rule} in ${f.where}: ${f.message}${f.html ? `\n       ${f.html}` : ""}`);
      }
    }
  }
  console.log(failing === 0 ? "no serious or critical violations" : `${failing} EPUB(s) with serious or critical violations`);
  return failing === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}

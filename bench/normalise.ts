// The normaliser on unseen documents: `npm run bench:normalise [-- OPTIONS]`.
//
// Every bench/corpus/txt/<layout>.<mode>/<slug>.txt (a text typeset by pdflatex, Chromium or
// LibreOffice, extracted by pdftotext, mutool or PDFBox; see bench/corpus/README.md), and every PDF itself
// (bench/corpus/pdf/<layout>/<slug>.pdf: mode "pdf" as the build reads it, through the structure
// tree of a tagged PDF, else its layout; mode "pdf-layout" with the tree set aside),
// is read as the pipeline reads a source, normalised with the kind from its text's front matter, written as Markdown and
// scored against the text itself (bench/corpus/texts/<slug>.md, the gold) by
// ../shared/tools/score-normalise.py. Prints a row per document, a summary per layout.mode
// and overall (the seed-* texts apart), and whether the targets are met.
//
// Options: --layout X  --mode M  --doc SLUG   filters (repeatable)
//          --verbose                           the scorer's MISS lines under each document
//          --json FILE                         every figure as JSON
//          --out DIR                           the normalised Markdown as DIR/<layout>.<mode>/<slug>.md
// Exit 0 whatever the scores; 2 when the command is misused; 1 when the scorer cannot run.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pLimit from "p-limit";
import { parse as parseYaml } from "yaml";
import { KINDS, type Kind } from "../pipeline/document/types.ts";
import { toMarkdown } from "../pipeline/markdown/to-markdown.ts";
import { normalise } from "../pipeline/normalise/index.ts";
import { normalisePdf } from "../pipeline/normalise/source.ts";
import { readSource } from "../pipeline/read/read-source.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = join(root, "bench", "corpus");
const TEXTS = join(CORPUS, "texts");
const TXT = join(CORPUS, "txt");
const PDF = join(CORPUS, "pdf");
const SCORER = resolve(root, "..", "shared", "tools", "score-normalise.py");
const BLOCK_KINDS = ["heading", "item", "note", "para"] as const;
type BlockKind = (typeof BLOCK_KINDS)[number];
const TARGET = { tokenAccuracy: 0.99, blockRecall: 0.95 } as const;

interface Doc {
  layout: string;
  mode: string;
  slug: string;
  /** The source file: a text extraction, or the PDF itself (modes "pdf", "pdf-layout"). */
  source: string;
  gold: string;
}

interface Result {
  layout: string;
  mode: string;
  slug: string;
  kind: Kind;
  tokens: number;
  token_accuracy: number;
  blocks_exact: number;
  counts: Record<BlockKind, { found: number; gold: number }>;
  error?: string;
  misses: string[];
}

interface Summary {
  documents: number;
  errors: number;
  mean_token_accuracy: number;
  blocks_found: number;
  blocks_gold: number;
  block_recall: number;
  notes_found: number;
  notes_gold: number;
  targets_met: boolean;
}

// ---------------------------------------------------------------------------------------------
// Arguments

interface Args {
  layouts: string[];
  modes: string[];
  docs: string[];
  verbose: boolean;
  json?: string;
  out?: string;
}

const USAGE = "usage: npm run bench:normalise -- [--layout X] [--mode M] [--doc SLUG] [--verbose] [--json FILE] [--out DIR]";

function usage(msg: string): never {
  console.error(`bench:normalise: ${msg}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { layouts: [], modes: [], docs: [], verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const val = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "" || (inline === undefined && v.startsWith("--"))) usage(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--layout":
        a.layouts.push(val());
        break;
      case "--mode":
        a.modes.push(val());
        break;
      case "--doc":
        a.docs.push(val().replace(/\.(md|txt|pdf)$/, ""));
        break;
      case "--verbose":
        a.verbose = true;
        break;
      case "--json":
        a.json = resolve(val());
        break;
      case "--out":
        a.out = resolve(val());
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  return a;
}

// ---------------------------------------------------------------------------------------------
// Corpus

function listDocs(args: Args): Doc[] {
  if (!existsSync(TXT)) usage("no bench/corpus/txt: run `npm run corpus:generate` first");
  // the PDFs themselves are two modes of their own: <layout>.pdf (read as the build reads them:
  // through the structure tree where they are tagged) and <layout>.pdf-layout (the tree set aside)
  const pdfDirs = existsSync(PDF) ? readdirSync(PDF).filter((d) => statSync(join(PDF, d)).isDirectory()).flatMap((d) => [`${d}.pdf`, `${d}.pdf-layout`]) : [];
  const dirs = [...readdirSync(TXT).filter((d) => /^[^.]+\.[^.]+$/.test(d) && statSync(join(TXT, d)).isDirectory()), ...pdfDirs].sort();
  const isPdf = (mode: string): boolean => mode === "pdf" || mode === "pdf-layout";
  const dirOf = (d: string): string => (isPdf(d.split(".")[1]!) ? join(PDF, d.split(".")[0]!) : join(TXT, d));
  const layouts = [...new Set(dirs.map((d) => d.split(".")[0]!))];
  const modes = [...new Set(dirs.map((d) => d.split(".")[1]!))];
  for (const l of args.layouts) if (!layouts.includes(l)) usage(`unknown layout ${l} (have: ${layouts.join(", ")})`);
  for (const m of args.modes) if (!modes.includes(m)) usage(`unknown mode ${m} (have: ${modes.join(", ")})`);
  const docs: Doc[] = [];
  for (const d of dirs) {
    const [layout, mode] = d.split(".") as [string, string];
    if (args.layouts.length && !args.layouts.includes(layout)) continue;
    if (args.modes.length && !args.modes.includes(mode)) continue;
    const ext = isPdf(mode) ? ".pdf" : ".txt";
    for (const f of readdirSync(dirOf(d)).filter((f) => f.endsWith(ext)).sort()) {
      const slug = f.slice(0, -ext.length);
      if (args.docs.length && !args.docs.includes(slug)) continue;
      const gold = join(TEXTS, `${slug}.md`);
      if (!existsSync(gold)) {
        console.error(`bench:normalise: ${relative(root, join(dirOf(d), f))}: no text ${relative(root, gold)}, skipped`);
        continue;
      }
      docs.push({ layout, mode, slug, source: join(dirOf(d), f), gold });
    }
  }
  for (const s of args.docs) if (!docs.some((d) => d.slug === s)) usage(`no document ${s} in bench/corpus/txt (for the layouts and modes asked)`);
  if (!docs.length) usage("no documents in bench/corpus/txt: run `npm run corpus:generate` first");
  return docs;
}

const kinds = new Map<string, Kind>();
function kindOf(gold: string): Kind {
  let k = kinds.get(gold);
  if (k) return k;
  const m = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\r?\n/.exec(readFileSync(gold, "utf8"));
  const fm = m ? ((parseYaml(m[1]!) ?? {}) as Record<string, unknown>) : {};
  const v = String(fm.kind ?? "");
  if ((KINDS as readonly string[]).includes(v)) k = v as Kind;
  else {
    console.error(`bench:normalise: ${relative(root, gold)}: kind "${v}" is none of ${KINDS.join(", ")}; normalised as report`);
    k = "report";
  }
  kinds.set(gold, k);
  return k;
}

// ---------------------------------------------------------------------------------------------
// Scoring

function score(gold: string, out: string, verbose: boolean): Promise<{ json: Record<string, unknown>; misses: string[] }> {
  return new Promise((ok, fail) => {
    const p = spawn("python3", [SCORER, gold, out, ...(verbose ? ["--verbose"] : [])], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("error", fail);
    p.on("close", (code) => {
      const line = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) {
        fail(new Error(`scorer exited ${code}: ${stderr.trim().split("\n").pop() ?? ""}`));
        return;
      }
      const misses = stderr.split("\n").filter((l) => l.startsWith("MISS "));
      ok({ json: JSON.parse(line) as Record<string, unknown>, misses });
    });
  });
}

function fraction(v: unknown): { found: number; gold: number } {
  const m = /^(\d+)\/(\d+)$/.exec(String(v ?? ""));
  return m ? { found: Number(m[1]), gold: Number(m[2]) } : { found: 0, gold: 0 };
}

async function measure(doc: Doc, args: Args, work: string): Promise<Result> {
  const kind = kindOf(doc.gold);
  let markdown = "";
  let error: string | undefined;
  try {
    const nl = doc.mode === "pdf" || doc.mode === "pdf-layout" ? await normalisePdf(doc.source, { slug: doc.slug, kind, structure: doc.mode === "pdf" }) : normalise(readSource(doc.source), undefined, { kind });
    markdown = toMarkdown(nl);
  } catch (err) {
    error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    markdown = "";
  }
  if (args.out && !error) {
    const f = join(args.out, `${doc.layout}.${doc.mode}`, `${doc.slug}.md`);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, markdown);
  }
  // a document that failed is scored as empty output: 0, against the gold's own counts
  const out = join(work, `${doc.layout}.${doc.mode}.${doc.slug}.md`);
  writeFileSync(out, markdown);
  const { json, misses } = await score(doc.gold, out, args.verbose);
  const counts = Object.fromEntries(BLOCK_KINDS.map((k) => [k, fraction(json[k])])) as Result["counts"];
  const r: Result = {
    layout: doc.layout,
    mode: doc.mode,
    slug: doc.slug,
    kind,
    tokens: Number(json.tokens ?? 0),
    token_accuracy: error ? 0 : Number(json.token_accuracy ?? 0),
    blocks_exact: error ? 0 : Number(json.blocks_exact ?? 0),
    counts,
    misses,
  };
  if (error) {
    r.error = error;
    for (const k of BLOCK_KINDS) r.counts[k].found = 0;
  }
  return r;
}

function summarise(rs: Result[]): Summary {
  const sum = (f: (r: Result) => number): number => rs.reduce((a, r) => a + f(r), 0);
  const blocksGold = sum((r) => BLOCK_KINDS.reduce((a, k) => a + r.counts[k].gold, 0));
  const blocksFound = sum((r) => BLOCK_KINDS.reduce((a, k) => a + r.counts[k].found, 0));
  const mean = rs.length ? sum((r) => r.token_accuracy) / rs.length : 0;
  const recall = blocksGold ? blocksFound / blocksGold : 0;
  return {
    documents: rs.length,
    errors: rs.filter((r) => r.error).length,
    mean_token_accuracy: round(mean),
    blocks_found: blocksFound,
    blocks_gold: blocksGold,
    block_recall: round(recall),
    notes_found: sum((r) => r.counts.note.found),
    notes_gold: sum((r) => r.counts.note.gold),
    targets_met: rs.length > 0 && mean >= TARGET.tokenAccuracy && recall >= TARGET.blockRecall,
  };
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

// ---------------------------------------------------------------------------------------------
// Printing

function table(rows: string[][], right: Set<number>): string {
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) => r.map((cell, c) => (right.has(c) ? cell.padStart(w[c]!) : cell.padEnd(w[c]!))).join("  ").trimEnd()).join("\n");
}

const frac = (c: { found: number; gold: number }): string => `${c.found}/${c.gold}`;
const fix = (n: number, d = 4): string => n.toFixed(d);

function summaryRow(name: string, s: Summary): string[] {
  return [
    name,
    String(s.documents),
    fix(s.mean_token_accuracy),
    `${fix(s.block_recall)} (${s.blocks_found}/${s.blocks_gold})`,
    `${s.notes_found}/${s.notes_gold}`,
    s.errors ? String(s.errors) : "",
    s.documents ? (s.targets_met ? "met" : "MISSED") : "",
  ];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(SCORER)) {
    console.error(`bench:normalise: the scorer is missing: ${SCORER} (shared/ must sit beside the repository)`);
    process.exit(1);
  }
  if (spawnSync("python3", ["--version"]).status !== 0) {
    console.error("bench:normalise: missing tool: python3 (apt-get install python3)");
    process.exit(1);
  }
  const docs = listDocs(args);
  const work = mkdtempSync(join(tmpdir(), "tweeluik-bench-normalise-"));
  const limit = pLimit(2);
  let results: Result[];
  try {
    results = await Promise.all(docs.map((d) => limit(() => measure(d, args, work))));
  } catch (err) {
    console.error(`bench:normalise: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  // per document
  const rows: string[][] = [["layout.mode", "slug", "kind", "tokens", "token_accuracy", "blocks_exact", ...BLOCK_KINDS]];
  for (const r of results) {
    rows.push([`${r.layout}.${r.mode}`, r.slug, r.kind, String(r.tokens), fix(r.token_accuracy), fix(r.blocks_exact), ...BLOCK_KINDS.map((k) => frac(r.counts[k]))]);
  }
  const docTable = table(rows, new Set([3, 4, 5, 6, 7, 8, 9])).split("\n");
  console.log(docTable[0]);
  results.forEach((r, i) => {
    console.log(docTable[i + 1]);
    if (r.error) console.log(`    ERROR normalise: ${r.error.split("\n")[0]}`);
    if (args.verbose) for (const m of r.misses) console.log(`    ${m}`);
  });

  // per layout.mode and overall
  const groups = [...new Set(results.map((r) => `${r.layout}.${r.mode}`))];
  const isSeed = (r: Result): boolean => r.slug.startsWith("seed-");
  const perLayout = Object.fromEntries(
    groups.map((g) => [
      g,
      {
        corpus: summarise(results.filter((r) => `${r.layout}.${r.mode}` === g && !isSeed(r))),
        seed: summarise(results.filter((r) => `${r.layout}.${r.mode}` === g && isSeed(r))),
        all: summarise(results.filter((r) => `${r.layout}.${r.mode}` === g)),
      },
    ]),
  );
  const overall = { corpus: summarise(results.filter((r) => !isSeed(r))), seed: summarise(results.filter(isSeed)), all: summarise(results) };

  const head = ["", "docs", "token_acc", "block_recall", "notes", "errors", "targets"];
  console.log(`\nper layout.mode (all documents; targets: token accuracy ≥ ${TARGET.tokenAccuracy}, block recall ≥ ${TARGET.blockRecall})`);
  console.log(table([head, ...groups.map((g) => summaryRow(g, perLayout[g]!.all))], new Set([1, 2, 3, 4, 5])));
  console.log("\noverall");
  console.log(
    table(
      [head, summaryRow("corpus (without seed-*)", overall.corpus), summaryRow("seed-* only", overall.seed), summaryRow("all", overall.all)],
      new Set([1, 2, 3, 4, 5]),
    ),
  );
  const verdict = (name: string, s: Summary): string =>
    s.documents
      ? `${name}: token accuracy ${fix(s.mean_token_accuracy)} ${s.mean_token_accuracy >= TARGET.tokenAccuracy ? "≥" : "<"} ${TARGET.tokenAccuracy}, block recall ${fix(s.block_recall)} ${s.block_recall >= TARGET.blockRecall ? "≥" : "<"} ${TARGET.blockRecall}: targets ${s.targets_met ? "met" : "MISSED"}`
      : `${name}: no documents`;
  console.log(`\n${verdict("corpus", overall.corpus)}\n${verdict("seed", overall.seed)}`);

  const shown = (f: string): string => (relative(process.cwd(), f).startsWith("..") ? f : relative(process.cwd(), f) || f);
  if (args.json) {
    mkdirSync(dirname(args.json), { recursive: true });
    writeFileSync(
      args.json,
      JSON.stringify({ targets: { token_accuracy: TARGET.tokenAccuracy, block_recall: TARGET.blockRecall }, documents: results, layouts: perLayout, overall }, null, 2) + "\n",
    );
    console.log(`\nwrote ${shown(args.json)}`);
  }
  if (args.out) console.log(`normalised Markdown in ${shown(args.out)}/<layout>.<mode>/<slug>.md`);
}

await main();

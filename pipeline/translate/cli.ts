import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { listSlugs, readSourceInputs } from "../config/sources.ts";
import { writeFilesAtomic } from "../fs/atomic-write.ts";
import type { SourceConfig } from "../config/schema.ts";
import type { NormalisedDocument, RawSource } from "../document/types.ts";
import { TweeluikError } from "../errors.ts";
import { normalise as realNormalise } from "../normalise/index.ts";
import { decodeSource } from "../read/read-source.ts";
import { loadTranslateContext, readMemoryFile, translatePaths } from "./load.ts";
import { createMemory, SHARED_NS, serialiseMemory, type MemoryEntries } from "./memory.ts";
import { checkConsistency, inconsistencyIssue } from "./qa.ts";
import { extractSegments } from "./segment.ts";
import { exportTmx } from "./tmx.ts";
import { translateWithReport, type QaFinding, type QaReport, type TranslateContext } from "./translate.ts";
import { applyXliffUnits, exportXliff, parseXliff } from "./xliff.ts";

const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

/** What the command needs from outside; tests pass their own. */
export interface TranslateCliDeps {
  root: string;
  normalise: (raw: RawSource, config?: SourceConfig, opts?: { corpus?: readonly string[] }) => NormalisedDocument;
  out: (s: string) => void;
  err: (s: string) => void;
}

const HELP: Record<string, string> = {
  main: `tweeluik translate COMMAND [options]

The translation memory (locales/en/<slug>.json, locales/en/shared.json) and the
glossary (locales/glossary/nl-en.yaml) behind the English editions.

Commands:
  status [SLUG…]               coverage and QA per document (all source/*.txt when none given)
  export-xliff SLUG [-o FILE]  the segments that need work, as XLIFF 2.0 for a translator
  import-xliff FILE            a returned XLIFF into the memory (all or nothing)
  export-tmx [-o FILE]         the whole memory as TMX 1.4

Run "tweeluik translate COMMAND --help" for a command's options.
Exit codes: 0 ok, 1 errors (invalid input; with --strict also QA errors), 2 usage.
`,
  status: `tweeluik translate status [SLUG…] [options]

Per document: segments, translated (of which reviewed), fuzzy, stale,
untranslated, QA errors and warnings. QA errors are listed with source
file:line, segment id, check and the offending text.

Options:
  --strict     exit 1 when any QA error is found
  --verbose    list QA warnings too (not the untranslated segments)
  --json       print the QA reports as JSON
  -h, --help   this help
`,
  "export-xliff": `tweeluik translate export-xliff SLUG [options]

Writes the segments of source/SLUG.txt that need work (untranslated, fuzzy,
stale, draft, invalid, or with a QA error) as XLIFF 2.0: one unit per distinct sentence, keyed by
its memory key, with glossary terms and fuzzy candidates as notes. Inline
codes are <ph id="n"/> (footnote references) and <pc id="n">…</pc>
(emphasis, links); a translation must keep each exactly once.

Options:
  -o, --output FILE   write to FILE (default: standard output)
  --all               export every segment, also those already translated
  -h, --help          this help
`,
  "import-xliff": `tweeluik translate import-xliff FILE [options]

Reads a returned XLIFF 2.0 file and stores its targets in the memory
(state initial → draft, translated → translated, reviewed/final → reviewed).
The file is checked first: malformed XML, unit ids that do not match their
source, segments no longer in the document and broken placeholders are
reported with their line, and then nothing is changed. The memory files are
replaced atomically.

Options:
  --strict     also refuse the file when the imported translations have QA errors
  --dry-run    check and report, write nothing
  -h, --help   this help
`,
  prune: `tweeluik translate prune [options]

Removes memory entries that no segment of any document uses any more (left
behind when a source sentence changed). A document's namespace keeps the
entries its own segments use; the shared namespace keeps those any document
uses. Export the memory as TMX first if you want to keep them elsewhere.

Options:
  --dry-run    list what would be removed, write nothing
  -h, --help   this help
`,
  "export-tmx": `tweeluik translate export-tmx [options]

Writes every memory namespace as one TMX 1.4 file (tuid = namespace:key).

Options:
  -o, --output FILE   write to FILE (default: standard output)
  -h, --help          this help
`,
};

/**
 * `tweeluik translate …`: status, export-xliff, import-xliff, export-tmx.
 * Returns the exit code: 0 ok, 1 errors, 2 usage.
 */
export async function translateCommand(argv: string[], deps: Partial<TranslateCliDeps> = {}): Promise<number> {
  const d: TranslateCliDeps = {
    root: deps.root ?? join(dirname(fileURLToPath(import.meta.url)), "..", ".."),
    normalise: deps.normalise ?? realNormalise,
    out: deps.out ?? ((s) => void process.stdout.write(s)),
    err: deps.err ?? ((s) => void process.stderr.write(s)),
  };
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "-h":
      case "--help":
      case "help":
        d[command === undefined ? "err" : "out"](HELP.main!);
        return command === undefined ? EXIT.usage : EXIT.ok;
      case "status":
        return status(rest, d);
      case "export-xliff":
        return exportXliffCommand(rest, d);
      case "import-xliff":
        return importXliffCommand(rest, d);
      case "export-tmx":
        return exportTmxCommand(rest, d);
      case "prune":
        return pruneCommand(rest, d);
      default:
        d.err(`tweeluik translate: unknown command "${command}"\n\n${HELP.main}`);
        return EXIT.usage;
    }
  } catch (err) {
    if (err instanceof TweeluikError) {
      d.err(`tweeluik translate: ${formatError(err, d.root)}\n`);
      return err.code === "usage" ? EXIT.usage : EXIT.errors;
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      d.err(`tweeluik translate ${command}: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

function formatError(err: TweeluikError, root: string): string {
  const file = err.file ? rel(root, err.file) : undefined;
  return `${file ? `${file}${err.line ? `:${err.line}` : ""}: ` : ""}${err.message} [${err.code}]`;
}

const rel = (root: string, file: string) => relative(root, resolve(root, file)) || file;

function loadDocument(slug: string, d: TranslateCliDeps): NormalisedDocument {
  if (!listSlugs(d.root).includes(slug)) throw new TweeluikError("usage", `no source/${slug}.txt (slugs: ${listSlugs(d.root).join(", ") || "none"})`);
  const { raw, config, corpus } = readSourceInputs(d.root, slug);
  return d.normalise(raw, config, { corpus });
}

function usage(d: TranslateCliDeps, cmd: string, message: string): number {
  d.err(`tweeluik translate ${cmd}: ${message}\n\n${HELP[cmd]}`);
  return EXIT.usage;
}

function printFinding(f: QaFinding, d: TranslateCliDeps) {
  const target = f.target !== undefined ? `\n      target: ${f.target}` : "";
  d.out(`  ${f.file}:${f.line}: ${f.severity} ${f.code} ${f.segment} ${f.message}\n      text:   ${f.text}${target}\n`);
}

function status(argv: string[], d: TranslateCliDeps): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { strict: { type: "boolean" }, verbose: { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    d.out(HELP.status!);
    return EXIT.ok;
  }
  const slugs = positionals.length ? positionals : listSlugs(d.root);
  if (slugs.length === 0) return usage(d, "status", "no documents: add source/<slug>.txt");
  const reports: QaReport[] = [];
  const pairs: { source: string; target: string; where: string }[] = [];
  let failed = 0;
  const rows: string[][] = [["document", "segments", "translated", "reviewed", "fuzzy", "stale", "untranslated", "QA errors", "warnings", "%"]];
  for (const slug of slugs) {
    try {
      const doc = loadDocument(slug, d);
      const ctx = loadTranslateContext(d.root, slug);
      const { report } = translateWithReport(doc, ctx);
      reports.push(report);
      for (const [key, e] of Object.entries(ctx.memory.namespaces[slug] ?? {})) pairs.push({ source: e.source, target: e.target, where: `${slug}:${key}` });
      const c = report.coverage;
      const qaWarnings = report.findings.filter((f) => f.severity === "warning" && !f.code.startsWith("translate:")).length;
      rows.push([slug, String(c.segments), String(c.translated), String(c.reviewed), String(c.fuzzy), String(c.stale), String(c.untranslated), String(c.errors), String(qaWarnings), report.percentTranslated.toFixed(1)]);
    } catch (err) {
      if (!(err instanceof TweeluikError)) throw err;
      failed++;
      d.err(`tweeluik translate status: ${slug}: ${formatError(err, d.root)}\n`);
      rows.push([slug, "—", "—", "—", "—", "—", "—", "—", "—", "—"]);
    }
  }
  if (values.json) {
    d.out(`${JSON.stringify(reports, null, 2)}\n`);
  } else {
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) d.out(`${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")}\n`);
    for (const report of reports) {
      const shown = report.findings.filter((f) => f.severity === "error" || (values.verbose && !f.code.startsWith("translate:")));
      if (shown.length === 0) continue;
      d.out(`\n${report.slug}:\n`);
      for (const f of shown) printFinding(f, d);
    }
    const inconsistent = checkConsistency(pairs);
    if (inconsistent.length) {
      d.out("\nAcross documents (move these to locales/en/shared.json):\n");
      for (const found of inconsistent) d.out(`  warning qa:inconsistent ${inconsistencyIssue(found).message}\n`);
    }
  }
  const errors = reports.reduce((n, r) => n + r.coverage.errors, 0);
  if (failed > 0) return EXIT.errors;
  return values.strict && errors > 0 ? EXIT.errors : EXIT.ok;
}

function exportXliffCommand(argv: string[], d: TranslateCliDeps): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, all: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    d.out(HELP["export-xliff"]!);
    return EXIT.ok;
  }
  if (positionals.length !== 1) return usage(d, "export-xliff", "expected one SLUG");
  const slug = positionals[0]!;
  const doc = loadDocument(slug, d);
  const ctx = loadTranslateContext(d.root, slug);
  const { results } = translateWithReport(doc, ctx);
  // A sentence that occurs in another document too is translated once, in the shared namespace.
  const elsewhere = new Set<string>();
  for (const other of listSlugs(d.root)) {
    if (other === slug) continue;
    for (const s of extractSegments(loadDocument(other, d))) elsewhere.add(s.key);
  }
  const sharedKeys = new Set([...results.map((r) => r.segment.key).filter((k) => elsewhere.has(k)), ...Object.keys(ctx.memory.namespaces[SHARED_NS] ?? {})]);
  const xml = exportXliff(results, { slug, original: doc.children[0]?.position.file ?? `source/${slug}.txt`, glossary: ctx.glossary, all: values.all ?? false, sharedKeys });
  const units = (xml.match(/<unit /g) ?? []).length;
  if (values.output) {
    writeFilesAtomic([[resolve(values.output), xml]]);
    d.err(`${rel(d.root, resolve(values.output))}: ${units} units of ${slug}\n`);
  } else d.out(xml);
  return EXIT.ok;
}

function importXliffCommand(argv: string[], d: TranslateCliDeps): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { strict: { type: "boolean" }, "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    d.out(HELP["import-xliff"]!);
    return EXIT.ok;
  }
  if (positionals.length !== 1) return usage(d, "import-xliff", "expected one FILE");
  const file = resolve(positionals[0]!);
  if (!existsSync(file)) throw new TweeluikError("input:missing", "XLIFF file not found", { file });
  const text = decodeSource(readFileSync(file), file);
  const shown = rel(d.root, file);
  const parsed = parseXliff(text);
  const report = (problems: { line: number; message: string }[]) => {
    for (const p of problems) d.err(`${shown}:${p.line}: error ${p.message}\n`);
    d.err(`${shown}: refused (${problems.length} problem${problems.length === 1 ? "" : "s"}); the memory is unchanged\n`);
    return EXIT.errors;
  };
  if (parsed.problems.length > 0 || !parsed.slug) return report(parsed.problems);
  const slug = parsed.slug;
  const doc = loadDocument(slug, d);
  const p = translatePaths(d.root, slug);
  const liveKeys = new Set(translateWithReport(doc, loadTranslateContext(d.root, slug)).results.map((r) => r.segment.key));
  const current: Record<string, MemoryEntries> = { [slug]: readMemoryFile(p.memory!), [SHARED_NS]: readMemoryFile(p.shared) };
  const applied = applyXliffUnits(parsed.units, current, liveKeys);
  if (applied.problems.length > 0) return report(applied.problems);

  // Check the result as the build will see it before anything is written.
  const files: [string, string][] = [
    [p.memory!, serialiseMemory(applied.namespaces[slug]!)],
    [p.shared, serialiseMemory(applied.namespaces[SHARED_NS]!)],
  ];
  const staged = stageContext(d.root, slug, applied.namespaces);
  const { report: qa } = translateWithReport(doc, staged);
  const touched = new Set(applied.changed.map((c) => c.key));
  const qaFindings = qa.findings.filter((f) => touched.has(f.key) && !f.code.startsWith("translate:"));
  for (const f of qaFindings) d.err(`${f.file}:${f.line}: ${f.severity} ${f.code} ${f.segment} ${f.message} — ${f.text}\n`);
  const qaErrors = qaFindings.filter((f) => f.severity === "error").length;
  if (values.strict && qaErrors > 0) {
    d.err(`${shown}: refused under --strict (${qaErrors} QA error${qaErrors === 1 ? "" : "s"}); the memory is unchanged\n`);
    return EXIT.errors;
  }
  const added = applied.changed.filter((c) => c.kind === "added").length;
  const updated = applied.changed.length - added;
  if (!values["dry-run"] && applied.changed.length > 0) writeFilesAtomic(files.filter(([f, body]) => !existsSync(f) || readFileSync(f, "utf8") !== body));
  d.out(`${shown}: ${slug}: ${added} added, ${updated} updated${values["dry-run"] ? " (dry run: nothing written)" : ""}; now ${qa.coverage.translated} of ${qa.coverage.segments - qa.coverage.copied} segments translated, ${qa.coverage.errors} QA errors\n`);
  return EXIT.ok;
}

/** The translate context of `slug` with memory namespaces not yet written (to check an import before it is stored). */
function stageContext(root: string, slug: string, namespaces: Record<string, MemoryEntries>): TranslateContext {
  const ctx = loadTranslateContext(root, slug);
  return { ...ctx, memory: createMemory(slug, namespaces[slug] ?? {}, namespaces[SHARED_NS] ?? {}) };
}

function exportTmxCommand(argv: string[], d: TranslateCliDeps): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { output: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    d.out(HELP["export-tmx"]!);
    return EXIT.ok;
  }
  if (positionals.length) return usage(d, "export-tmx", `unexpected ${positionals.join(" ")}`);
  const dir = translatePaths(d.root).memoryDir;
  const namespaces: Record<string, MemoryEntries> = {};
  for (const f of existsSync(dir) ? readdirSync(dir).sort() : []) {
    if (!f.endsWith(".json") || f === "ui.json") continue;
    namespaces[f.slice(0, -5)] = readMemoryFile(join(dir, f));
  }
  const xml = exportTmx(namespaces);
  const count = (xml.match(/<tu /g) ?? []).length;
  if (values.output) {
    writeFilesAtomic([[resolve(values.output), xml]]);
    d.err(`${rel(d.root, resolve(values.output))}: ${count} translation units\n`);
  } else d.out(xml);
  return EXIT.ok;
}

function pruneCommand(argv: string[], d: TranslateCliDeps): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    d.out(HELP.prune!);
    return EXIT.ok;
  }
  if (positionals.length) return usage(d, "prune", `unexpected ${positionals.join(" ")}`);
  const live = new Map<string, Set<string>>();
  for (const slug of listSlugs(d.root)) {
    const doc = loadDocument(slug, d);
    live.set(slug, new Set(translateWithReport(doc, loadTranslateContext(d.root, slug)).results.map((r) => r.segment.key)));
  }
  const anyLive = new Set([...live.values()].flatMap((k) => [...k]));
  const paths = translatePaths(d.root);
  const files: [string, string][] = [];
  let removed = 0;
  for (const ns of [...live.keys(), SHARED_NS]) {
    const file = ns === SHARED_NS ? paths.shared : translatePaths(d.root, ns).memory!;
    if (!existsSync(file)) continue;
    const entries = readMemoryFile(file);
    const keep = ns === SHARED_NS ? anyLive : live.get(ns)!;
    const gone = Object.keys(entries).filter((k) => !keep.has(k));
    for (const k of gone) d.out(`${rel(d.root, file)}: ${k} ${JSON.stringify(entries[k]!.source.slice(0, 70))}\n`);
    if (gone.length === 0) continue;
    removed += gone.length;
    files.push([file, serialiseMemory(Object.fromEntries(Object.entries(entries).filter(([k]) => keep.has(k))))]);
  }
  if (!values["dry-run"]) writeFilesAtomic(files);
  d.out(`${removed} unused entries ${values["dry-run"] ? "would be removed (dry run)" : "removed"}\n`);
  return EXIT.ok;
}


if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await translateCommand(process.argv.slice(2));
}

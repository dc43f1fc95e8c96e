import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { listSlugs } from "../config/sources.ts";
import { writeFilesAtomic } from "../fs/atomic-write.ts";
import type { NormalisedDocument } from "../document/types.ts";
import { TweeluikError } from "../errors.ts";
import { normaliseSource } from "../normalise/source.ts";
import { decodeSource } from "../read/read-source.ts";
import { loadTranslateContext, readMemoryFile, readStyleFile, translatePaths } from "./load.ts";
import { execFileSync } from "node:child_process";
import { analyse, bestMatch, formatAnalysis, indexMemory, type Analysis, type BestMatch, type MemoryIndex } from "./analyse.ts";
import { createMemory, SHARED_NS, serialiseMemory, type MemoryEntries, type MemoryEntry } from "./memory.ts";
import { formatPeople, migrateNamespace, summariseProvenance } from "./provenance.ts";
import { checkConsistency, checkTermConsistency, inconsistencyIssue, QA_CHECKS } from "./qa.ts";
import { checkCorpusStyle } from "./style.ts";
import { extractSegments } from "./segment.ts";
import { exportTmx } from "./tmx.ts";
import { translateWithReport, type QaFinding, type QaReport, type TranslateContext } from "./translate.ts";
import { applyXliffUnits, exportXliff, parseXliff } from "./xliff.ts";

const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

/** What the command needs from outside; tests pass their own. */
export interface TranslateCliDeps {
  root: string;
  /** The normalised document of a source (.txt or .pdf). */
  load: (root: string, slug: string) => Promise<NormalisedDocument>;
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
  analyse SLUG                 words to translate per band (exact, fuzzy 95–99/85–94/75–84%, new, repetitions)
  accept SLUG SEGMENT CODE     accept a reviewed QA finding for one segment (--by NAME --why TEXT)
  prune                        remove entries no segment uses any more
  migrate-provenance           give entries without provenance an honest "legacy" record

Run "tweeluik translate COMMAND --help" for a command's options.
Exit codes: 0 ok, 1 errors (invalid input; with --strict also QA errors), 2 usage.
`,
  status: `tweeluik translate status [SLUG…] [options]

Per document: segments, translated (of which reviewed), fuzzy, stale,
untranslated, QA errors, QA warnings, house-style warnings (locales/en/style.yaml)
and accepted exceptions; who translated and reviewed the entries the document
uses, and what changed since review; the analysis (words per match band).
Across documents: the same Dutch translated in two ways, and one word spelt
in two ways. QA errors are listed with source file:line, segment id, check
and the offending text.

Options:
  --strict     exit 1 when any QA error is found
  --verbose    list QA and style warnings too (not the untranslated segments)
  --json       print the QA reports as JSON
  -h, --help   this help
`,
  "export-xliff": `tweeluik translate export-xliff SLUG [options]

Writes the segments of source/SLUG.txt that need work (untranslated, fuzzy,
stale, draft, invalid, or with a QA error) as XLIFF 2.0: one unit per distinct sentence, keyed by
its memory key, with glossary terms and fuzzy candidates as notes. A unit
with no entry of its own is pre-filled with the best match (exact, or at
least 75% similar) from any document's memory, as a draft (state initial)
with a note saying where it came from, for the translator to review. Inline
codes are <ph id="n"/> (footnote references) and <pc id="n">…</pc>
(emphasis, links); a translation must keep each exactly once.

Options:
  -o, --output FILE   write to FILE (default: standard output)
  --all               export every segment, also those already translated
  --warnings          also export segments with a QA or house-style warning, each as a note
                      (a copy-edit pass against locales/en/style.yaml)
  -h, --help          this help
`,
  "import-xliff": `tweeluik translate import-xliff FILE [options]

Reads a returned XLIFF 2.0 file and stores its targets in the memory
(state initial → draft, translated → translated, reviewed/final → reviewed).
The file is checked first: malformed XML, unit ids that do not match their
source, segments no longer in the document and broken placeholders are
reported with their line, and then nothing is changed. The memory files are
replaced atomically.

Who did the work is recorded on every entry the file changes: a unit
returned as reviewed needs its reviser, any other its translator, from the
options or from tw:translator / tw:reviser on the <file> element
(xmlns:tw="urn:tweeluik:xliff:1").

Options:
  --translator NAME   who translated the units returned as initial or translated
  --reviser NAME      who reviewed the units returned as reviewed or final
  --date YYYY-MM-DD   the date recorded (default: today)
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

Writes every memory namespace as one TMX 1.4 file (tuid = namespace:key),
with creationid/creationdate (translator) and changeid/changedate (reviser).

Options:
  -o, --output FILE   write to FILE (default: standard output)
  -h, --help          this help
`,
  analyse: `tweeluik translate analyse SLUG… [options]

Counts the Dutch words of each document by how much of the work the memory
already holds, as translation agencies quote it: repetitions (a sentence
that occurred earlier in the document), exact matches from the whole memory
(any document's or the shared namespace), fuzzy matches 95–99%, 85–94% and
75–84% (token similarity), and new words.

Options:
  --json       print the analyses as JSON
  -h, --help   this help
`,
  accept: `tweeluik translate accept SLUG SEGMENT CODE --by NAME --why TEXT [options]

Records that a reviewer accepted a QA or style warning of one segment
(SEGMENT: its id such as s0123, or its memory key): the finding then counts
as accepted, not as a warning, while the entry's target stays as it is. A new
target drops the acceptance. Errors cannot be accepted.

Options:
  --by NAME           who accepts it
  --why TEXT          why the finding is right for this segment
  --date YYYY-MM-DD   the date recorded (default: today)
  -h, --help          this help
`,
  "migrate-provenance": `tweeluik translate migrate-provenance [options]

Gives every memory entry without provenance an honest record: origin
"legacy", translator "unknown" (and reviser "unknown" for a reviewed entry),
and as its date the date of the git commit that last changed its target
(git blame). Entries with provenance are left as they are.

Options:
  --dry-run    count what would change, write nothing
  -h, --help   this help
`,
};

/**
 * `tweeluik translate …`: status, export-xliff, import-xliff, export-tmx, analyse, accept, prune, migrate-provenance.
 * Returns the exit code: 0 ok, 1 errors, 2 usage.
 */
export async function translateCommand(argv: string[], deps: Partial<TranslateCliDeps> = {}): Promise<number> {
  const d: TranslateCliDeps = {
    root: deps.root ?? join(dirname(fileURLToPath(import.meta.url)), "..", ".."),
    load: deps.load ?? (async (root, slug) => (await normaliseSource(root, slug)).doc),
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
        return await status(rest, d);
      case "export-xliff":
        return await exportXliffCommand(rest, d);
      case "import-xliff":
        return await importXliffCommand(rest, d);
      case "export-tmx":
        return exportTmxCommand(rest, d);
      case "prune":
        return await pruneCommand(rest, d);
      case "analyse":
      case "analyze":
        return await analyseCommand(rest, d);
      case "accept":
        return await acceptCommand(rest, d);
      case "migrate-provenance":
        return migrateProvenanceCommand(rest, d);
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

async function loadDocument(slug: string, d: TranslateCliDeps): Promise<NormalisedDocument> {
  if (!listSlugs(d.root).includes(slug)) throw new TweeluikError("usage", `no source/${slug}.txt or .pdf (slugs: ${listSlugs(d.root).join(", ") || "none"})`);
  return d.load(d.root, slug);
}

function usage(d: TranslateCliDeps, cmd: string, message: string): number {
  d.err(`tweeluik translate ${cmd}: ${message}\n\n${HELP[cmd]}`);
  return EXIT.usage;
}

function printFinding(f: QaFinding, d: TranslateCliDeps) {
  const target = f.target !== undefined ? `\n      target: ${f.target}` : "";
  d.out(`  ${f.file}:${f.line}: ${f.severity} ${f.code} ${f.segment} ${f.message}\n      text:   ${f.text}${target}\n`);
}

async function status(argv: string[], d: TranslateCliDeps): Promise<number> {
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
  const used: { source: string; target: string; where: string }[] = [];
  const details: string[] = [];
  const index = indexMemory(readAllNamespaces(d.root));
  let failed = 0;
  const rows: string[][] = [["document", "segments", "translated", "reviewed", "fuzzy", "stale", "untranslated", "QA errors", "warnings", "style", "accepted", "%"]];
  for (const slug of slugs) {
    try {
      const doc = await loadDocument(slug, d);
      const ctx = loadTranslateContext(d.root, slug);
      const { report, results } = translateWithReport(doc, ctx);
      reports.push(report);
      for (const [key, e] of Object.entries(ctx.memory.namespaces[slug] ?? {})) pairs.push({ source: e.source, target: e.target, where: `${slug}:${key}` });
      const c = report.coverage;
      const warnings = report.findings.filter((f) => f.severity === "warning" && !f.code.startsWith("translate:"));
      const style = warnings.filter((f) => f.code.startsWith("style:")).length;
      rows.push([slug, String(c.segments), String(c.translated), String(c.reviewed), String(c.fuzzy), String(c.stale), String(c.untranslated), String(c.errors), String(warnings.length - style), String(style), String(c.accepted), report.percentTranslated.toFixed(1)]);
      // the entries this document uses: who made and reviewed them, what changed since review
      const entries: Record<string, MemoryEntry> = {};
      for (const r of results) {
        if (r.match.kind !== "exact") continue;
        entries[`${r.match.ns}:${r.match.key}`] = r.match.entry;
        used.push({ source: r.match.entry.source, target: r.match.entry.target, where: `${r.match.ns}:${r.match.key}` });
      }
      const p = summariseProvenance(entries);
      const changed = p.changedSinceReview.length ? ` (${p.changedSinceReview.slice(0, 5).join(", ")}${p.changedSinceReview.length > 5 ? ", …" : ""})` : "";
      details.push(
        `${slug}:\n  translated by ${formatPeople(p.translators)}\n  reviewed by ${formatPeople(p.revisers)}\n  changed since review ${p.changedSinceReview.length}${changed}, never reviewed ${p.unreviewed.length}, without provenance ${p.missing.length}\n  analysis: ${formatAnalysis(analyse(slug, results, index))}\n`,
      );
    } catch (err) {
      if (!(err instanceof TweeluikError)) throw err;
      failed++;
      d.err(`tweeluik translate status: ${slug}: ${formatError(err, d.root)}\n`);
      rows.push([slug, "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—"]);
    }
  }
  if (values.json) {
    d.out(`${JSON.stringify(reports, null, 2)}\n`);
  } else {
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) d.out(`${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")}\n`);
    if (details.length) d.out(`\n${details.join("")}`);
    for (const report of reports) {
      const shown = report.findings.filter((f) => f.severity === "error" || (values.verbose && (!f.code.startsWith("translate:") || f.code === "translate:note")));
      if (shown.length === 0) continue;
      d.out(`\n${report.slug}:\n`);
      for (const f of shown) printFinding(f, d);
    }
    const inconsistent = checkConsistency(pairs);
    if (inconsistent.length) {
      d.out("\nAcross documents (move these to locales/en/shared.json):\n");
      for (const found of inconsistent) d.out(`  warning qa:inconsistent ${inconsistencyIssue(found).message}\n`);
    }
    const style = readStyleFile(translatePaths(d.root).style);
    const variants = style ? checkCorpusStyle(used, style) : [];
    if (variants.length) {
      d.out("\nOne spelling per word across the documents:\n");
      for (const v of variants) {
        const places = (w: string[]) => `${w.length}×: ${w.slice(0, 4).join(", ")}${w.length > 4 ? ", …" : ""}`;
        d.out(`  warning style:one-spelling ${v.forms.map((f) => `"${f.form}" ${places(f.where)}`).join(" / ")}\n`);
      }
    }
    if (values.verbose && reports[0]) {
      const terms = checkTermConsistency([...new Map(used.map((u) => [u.where, u])).values()], loadTranslateContext(d.root, reports[0].slug).glossary);
      if (terms.length) d.out("\nGlossary terms rendered in more than one approved way (for the copy-edit to settle):\n");
      for (const t of terms) d.out(`  info ${t.term}: ${t.renderings.map((r) => `"${r.rendering}" ×${r.where.length}`).join(" / ")}\n`);
    }
  }
  const errors = reports.reduce((n, r) => n + r.coverage.errors, 0);
  if (failed > 0) return EXIT.errors;
  return values.strict && errors > 0 ? EXIT.errors : EXIT.ok;
}

async function exportXliffCommand(argv: string[], d: TranslateCliDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, all: { type: "boolean" }, warnings: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    d.out(HELP["export-xliff"]!);
    return EXIT.ok;
  }
  if (positionals.length !== 1) return usage(d, "export-xliff", "expected one SLUG");
  const slug = positionals[0]!;
  const doc = await loadDocument(slug, d);
  const ctx = loadTranslateContext(d.root, slug);
  const { results } = translateWithReport(doc, ctx);
  // A sentence that occurs in another document too is translated once, in the shared namespace.
  const elsewhere = new Set<string>();
  for (const other of listSlugs(d.root)) {
    if (other === slug) continue;
    for (const s of extractSegments(await loadDocument(other, d))) elsewhere.add(s.key);
  }
  const sharedKeys = new Set([...results.map((r) => r.segment.key).filter((k) => elsewhere.has(k)), ...Object.keys(ctx.memory.namespaces[SHARED_NS] ?? {})]);
  // a unit with no entry of its own is pre-filled from the best match of the whole memory
  const index = indexMemory(readAllNamespaces(d.root));
  const prefill = new Map<string, BestMatch>();
  for (const r of results) {
    if (r.match.kind === "exact" || r.status === "copy" || prefill.has(r.segment.key)) continue;
    const best = bestMatch(index, r.segment.key, r.segment.text);
    if (best) prefill.set(r.segment.key, best);
  }
  const xml = exportXliff(results, { slug, original: doc.children[0]?.position.file ?? `source/${slug}.txt`, glossary: ctx.glossary, all: values.all ?? false, warnings: values.warnings ?? false, sharedKeys, prefill });
  const units = (xml.match(/<unit /g) ?? []).length;
  if (values.output) {
    writeFilesAtomic([[resolve(values.output), xml]]);
    d.err(`${rel(d.root, resolve(values.output))}: ${units} units of ${slug}\n`);
  } else d.out(xml);
  return EXIT.ok;
}

async function importXliffCommand(argv: string[], d: TranslateCliDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      strict: { type: "boolean" },
      "dry-run": { type: "boolean" },
      translator: { type: "string" },
      reviser: { type: "string" },
      date: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
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
  const doc = await loadDocument(slug, d);
  const p = translatePaths(d.root, slug);
  const liveKeys = new Set(translateWithReport(doc, loadTranslateContext(d.root, slug)).results.map((r) => r.segment.key));
  const current: Record<string, MemoryEntries> = { [slug]: readMemoryFile(p.memory!), [SHARED_NS]: readMemoryFile(p.shared) };
  const who = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  const translator = who(values.translator) ?? parsed.translator;
  const reviser = who(values.reviser) ?? parsed.reviser;
  const stamp = { ...(translator ? { translator } : {}), ...(reviser ? { reviser } : {}), date: isoDate(values.date, "--date"), origin: "xliff" as const };
  const applied = applyXliffUnits(parsed.units, current, liveKeys, stamp);
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
  const xml = exportTmx(readAllNamespaces(d.root));
  const count = (xml.match(/<tu /g) ?? []).length;
  if (values.output) {
    writeFilesAtomic([[resolve(values.output), xml]]);
    d.err(`${rel(d.root, resolve(values.output))}: ${count} translation units\n`);
  } else d.out(xml);
  return EXIT.ok;
}

async function pruneCommand(argv: string[], d: TranslateCliDeps): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    d.out(HELP.prune!);
    return EXIT.ok;
  }
  if (positionals.length) return usage(d, "prune", `unexpected ${positionals.join(" ")}`);
  const live = new Map<string, Set<string>>();
  for (const slug of listSlugs(d.root)) {
    const doc = await loadDocument(slug, d);
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

/** Every memory namespace on disk (locales/en/*.json but ui.json), by name. */
function readAllNamespaces(root: string): Record<string, MemoryEntries> {
  const dir = translatePaths(root).memoryDir;
  const namespaces: Record<string, MemoryEntries> = {};
  for (const f of existsSync(dir) ? readdirSync(dir).sort() : []) {
    if (!f.endsWith(".json") || f === "ui.json") continue;
    namespaces[f.slice(0, -5)] = readMemoryFile(join(dir, f));
  }
  return namespaces;
}

/** A date option (YYYY-MM-DD), today when not given. */
function isoDate(value: string | undefined, option: string): string {
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new TweeluikError("usage", `${option} expects a date YYYY-MM-DD, got "${value}"`);
  return value;
}

async function analyseCommand(argv: string[], d: TranslateCliDeps): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    d.out(HELP.analyse!);
    return EXIT.ok;
  }
  if (positionals.length === 0) return usage(d, "analyse", "expected one or more SLUGs");
  const index: MemoryIndex = indexMemory(readAllNamespaces(d.root));
  const all: Analysis[] = [];
  for (const slug of positionals) all.push(analyse(slug, translateWithReport(await loadDocument(slug, d), loadTranslateContext(d.root, slug)).results, index));
  if (values.json) {
    d.out(`${JSON.stringify(all, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const a of all) {
    d.out(`${a.slug}: ${a.total.segments} segments, ${a.total.words} words\n`);
    const width = Math.max(...Object.keys(a.bands).map((b) => b.length));
    for (const [band, n] of Object.entries(a.bands)) d.out(`  ${band.padEnd(width)}  ${String(n.words).padStart(7)} words  ${String(n.segments).padStart(5)} segments\n`);
  }
  return EXIT.ok;
}

async function acceptCommand(argv: string[], d: TranslateCliDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { by: { type: "string" }, why: { type: "string" }, date: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    d.out(HELP.accept!);
    return EXIT.ok;
  }
  if (positionals.length !== 3) return usage(d, "accept", "expected SLUG SEGMENT CODE");
  if (!values.by?.trim() || !values.why?.trim()) return usage(d, "accept", "say who accepts it and why (--by NAME --why TEXT)");
  const [slug, which, code] = positionals as [string, string, string];
  if (!(code in QA_CHECKS)) return usage(d, "accept", `unknown check "${code}"`);
  const doc = await loadDocument(slug, d);
  const ctx = loadTranslateContext(d.root, slug);
  const { results } = translateWithReport(doc, ctx);
  const r = results.find((x) => x.segment.id === which || x.segment.key === which);
  if (!r) throw new TweeluikError("usage", `${slug} has no segment "${which}" (a segment id such as s0123, or a memory key)`);
  if (r.match.kind !== "exact") throw new TweeluikError("usage", `${slug} ${which} has no translation to accept a finding for`);
  const found = r.issues.filter((i) => i.code === code && i.severity === "warning");
  if (found.length === 0) {
    const error = r.issues.some((i) => i.code === code && i.severity === "error");
    throw new TweeluikError("usage", `${slug} ${which}: ${error ? `${code} is an error; errors are fixed, not accepted` : `no ${code} warning to accept`}`);
  }
  const file = r.match.ns === SHARED_NS ? translatePaths(d.root).shared : translatePaths(d.root, r.match.ns).memory!;
  const entries = readMemoryFile(file);
  const entry = entries[r.match.key]!;
  const date = isoDate(values.date, "--date");
  const accepted = [...(entry.accepted ?? []).filter((a) => !found.some((f) => f.text === a.text && a.code === code)), ...found.map((f) => ({ code, text: f.text, by: values.by!.trim(), date, why: values.why!.trim() }))];
  entries[r.match.key] = { ...entry, accepted };
  writeFilesAtomic([[file, serialiseMemory(entries)]]);
  d.out(`${rel(d.root, file)}: ${r.match.key} (${slug} ${r.segment.id}): ${found.length} ${code} finding${found.length === 1 ? "" : "s"} accepted by ${values.by.trim()}\n`);
  return EXIT.ok;
}

function migrateProvenanceCommand(argv: string[], d: TranslateCliDeps): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    d.out(HELP["migrate-provenance"]!);
    return EXIT.ok;
  }
  if (positionals.length) return usage(d, "migrate-provenance", `unexpected ${positionals.join(" ")}`);
  const dir = translatePaths(d.root).memoryDir;
  const files: [string, string][] = [];
  let total = 0;
  for (const [ns, entries] of Object.entries(readAllNamespaces(d.root))) {
    const file = join(dir, `${ns}.json`);
    const dates = commitDates(d.root, file);
    const { entries: out, migrated } = migrateNamespace(entries, (key) => {
      const date = dates.get(key);
      if (!date) throw new TweeluikError("input:missing", `no commit holds entry "${key}" (commit the memory file before migrating)`, { file });
      return date;
    });
    total += migrated;
    d.out(`${rel(d.root, file)}: ${migrated} of ${Object.keys(entries).length} entries given legacy provenance\n`);
    if (migrated > 0) files.push([file, serialiseMemory(out)]);
  }
  if (!values["dry-run"]) writeFilesAtomic(files);
  d.out(`${total} entries ${values["dry-run"] ? "would be migrated (dry run)" : "migrated"}\n`);
  return EXIT.ok;
}

/**
 * The date (YYYY-MM-DD, committer date) of the commit that last changed each
 * entry's target line, from git blame of the committed file.
 */
function commitDates(root: string, file: string): Map<string, string> {
  let out: string;
  try {
    out = execFileSync("git", ["blame", "--line-porcelain", "HEAD", "--", relative(root, file)], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    throw new TweeluikError("tool:failed", `git blame failed: ${(e as Error).message.split("\n")[0]}`, { file });
  }
  const dates = new Map<string, string>();
  let time = 0;
  let key: string | undefined;
  for (const line of out.split("\n")) {
    if (line.startsWith("committer-time ")) time = Number(line.slice(15));
    else if (line.startsWith("\t")) {
      const text = line.slice(1);
      const k = /^ {2}"([0-9a-f]{12})": \{/.exec(text);
      if (k) key = k[1];
      else if (key && /^ {4}"target": /.test(text)) dates.set(key, new Date(time * 1000).toISOString().slice(0, 10));
    }
  }
  return dates;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await translateCommand(process.argv.slice(2));
}

import { parseArgs } from "node:util";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, listSlugs } from "./build.ts";
import { exitCleanlyOnSignals } from "./build/process.ts";
import { createProgress } from "./build/progress.ts";
import { errorLine, TweeluikError } from "./errors.ts";
import { formatDiagnostic } from "./publish/report.ts";

/** Exit codes: 0 ok, 1 the build found errors, 2 usage. */
export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

const HELP = `tweeluik: bilingual publication pipeline (Dutch → English; PDF and EPUB)

Usage:
  tweeluik build [SLUG…] [options]    build every edition of source/<slug>.txt (all when none given)
  tweeluik normalise FILE [options]   print a source as normalised Markdown
  tweeluik translate COMMAND          translation memory: status, export-xliff, import-xliff, export-tmx
  tweeluik check                      check every built PDF and EPUB with pdffonts, qpdf, pdftotext, epubcheck
  tweeluik proof                      write PNG contact sheets of every PDF to output/proofs/
  tweeluik serve [options]            serve output/ over HTTP: catalogue, OPDS, members-only editions
  tweeluik members COMMAND            members of the served catalogue: add, remove, list, token
  tweeluik COMMAND --help             help on one command

Exit codes: 0 ok, 1 the build found errors, 2 usage.
`;

const BUILD_HELP = `tweeluik build [SLUG…] [options]

Runs read → normalise → translate → render for each source and writes
output/<lang>/<slug>.{md,pdf,epub}, output/reports/<slug>.<lang>.json and
output/manifest.json. A file whose inputs did not change since it was last
built is taken from the build cache (.tweeluik-cache/; entries no build used
for 14 days are removed after a build); the manifest says which were reused. Everything is built in a staging folder beside the output
first: a build that fails, is stopped (Ctrl-C) or killed leaves the previous
output as it was. One build per output folder at a time.

Options:
  --strict              fail (exit 1) on warnings as well as errors
  --concurrency N       steps run at the same time: writing a file, preparing a document (one at a time);
                        PDF renderer processes: one fewer, at least one (default: CPU cores)
  --format LIST         comma-separated subset of md,pdf,epub (default all)
  --output DIR          output folder (default output/)
  --root DIR            project folder holding source/ and locales/ (default: this checkout)
  --force               rebuild every file, whatever the build cache holds
  --publish-drafts      publish English editions whose translation is not finished
                        (marked "Translation in progress"); by default they go to
                        drafts/ and stay out of the manifest, catalogue and index
  --verbose             print every diagnostic, not only errors
  --debug               on an error, print its stack as well
  -h, --help            this help

Slugs: ${listSlugs(ROOT).join(", ") || "(none: add source/<slug>.txt)"}
`;

async function buildCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      strict: { type: "boolean", default: false },
      concurrency: { type: "string" },
      format: { type: "string" },
      output: { type: "string" },
      force: { type: "boolean", default: false },
      "publish-drafts": { type: "boolean", default: false },
      root: { type: "string" },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(BUILD_HELP);
    return EXIT.ok;
  }
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new TweeluikError("usage", `--concurrency expects a whole number from 1 and up, got "${values.concurrency}"`);
  }
  const formats = values.format?.split(",").map((f) => f.trim());
  const bad = formats?.filter((f) => !["md", "pdf", "epub"].includes(f));
  if (bad?.length) throw new TweeluikError("usage", `--format: unknown format ${bad.join(", ")} (expected md, pdf, epub)`);

  const started = Date.now();
  // Ctrl-C or SIGTERM: render processes stopped, staging and the lock removed, exit 130 / 143.
  exitCleanlyOnSignals((signal) => process.stderr.write(`\ntweeluik: ${signal}: build stopped, the previous output is unchanged\n`));
  const root = values.root === undefined ? ROOT : resolve(values.root);
  // A live line per document on a terminal, plain lines otherwise.
  const progress = createProgress(process.stderr, positionals.length ? positionals : listSlugs(root));
  const result = await build({
    force: values.force,
    publishDrafts: values["publish-drafts"],
    root,
    output: values.output,
    slugs: positionals,
    concurrency,
    formats: formats as ("md" | "pdf" | "epub")[] | undefined,
    log: (line) => progress.line(line),
    progress: (slug, step, done, total) => progress.step(slug, step, done, total),
  });
  progress.end();

  let errors = 0;
  let warnings = 0;
  for (const doc of result.documents) {
    if (doc.error) {
      errors++;
      process.stderr.write(`\n${doc.slug}\n  ${doc.error.format()}\n`);
      continue;
    }
    for (const report of doc.reports) {
      errors += report.summary.error;
      warnings += report.summary.warning;
      const shown = report.diagnostics.filter((d) => values.verbose || d.severity === "error" || (values.strict && d.severity === "warning"));
      const codes = Object.entries(report.summary.byCode).map(([c, n]) => `${c} ${n}`).join(", ");
      process.stderr.write(`\n${doc.slug} (${report.lang}): ${report.summary.error} errors, ${report.summary.warning} warnings${codes ? ` [${codes}]` : ""}\n`);
      for (const d of shown) process.stderr.write(`  ${formatDiagnostic(d)}\n`);
    }
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (!result.promoted) {
    process.stderr.write(`\nbuild failed after ${secs} s: the previous output is unchanged\n`);
    return EXIT.errors;
  }
  const out = relative(process.cwd(), values.output ?? join(root, "output")) || ".";
  const files = result.documents.flatMap((d) => d.artefacts).filter((a) => a.format !== "report");
  const reused = files.filter((a) => a.reused).length;
  process.stderr.write(
    `\nbuilt ${result.documents.length} documents in ${secs} s into ${out}/: ${files.length - reused} files written, ${reused} reused (${errors} errors, ${warnings} warnings)\n`,
  );
  for (const w of result.withheld ?? []) process.stderr.write(`withheld ${w.slug} (${w.lang}): translation in progress (${w.reasons.join(", ")}); proofs in ${out}/drafts/${w.lang}/ (--publish-drafts publishes them)\n`);
  if (errors > 0 || (values.strict && warnings > 0)) return EXIT.errors;
  return EXIT.ok;
}

/** Run the CLI with argv (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // --debug (any command): an error shows its stack below its one line.
  const debug = argv.includes("--debug");
  const [command, ...rest] = argv.filter((a) => a !== "--debug");
  try {
    switch (command) {
      case undefined:
      case "-h":
      case "--help":
      case "help":
        process.stdout.write(HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      case "build":
        return await buildCommand(rest);
      case "normalise":
      case "normalize": {
        const { normaliseCommand } = await import("./normalise/cli.ts");
        return await normaliseCommand(rest);
      }
      case "translate": {
        const { translateCommand } = await import("./translate/cli.ts");
        return await translateCommand(rest);
      }
      case "check": {
        const { checkCommand } = await import("./publish/check.ts");
        return await checkCommand(rest, ROOT);
      }
      case "proof": {
        const { proofCommand } = await import("./publish/proof.ts");
        return await proofCommand(rest, ROOT);
      }
      case "serve": {
        const { serveCommand } = await import("./serve/cli.ts");
        return await serveCommand(rest, ROOT);
      }
      case "members": {
        const { membersCommand } = await import("./serve/cli.ts");
        return await membersCommand(rest, ROOT);
      }
      default:
        process.stderr.write(`tweeluik: unknown command "${command}"\n\n${HELP}`);
        return EXIT.usage;
    }
  } catch (err) {
    if (err instanceof TweeluikError) {
      process.stderr.write(`tweeluik: ${err.format()}\n`);
      if (debug) process.stderr.write(`${err.stack}\n`);
      return err.code === "usage" ? EXIT.usage : EXIT.errors;
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`tweeluik: ${err.message}\n`);
      return EXIT.usage;
    }
    // Anything else is still one line (a file system error names its path); --debug shows the stack.
    process.stderr.write(`tweeluik: ${errorLine(err)}${debug ? "" : " (--debug shows where)"}\n`);
    if (debug && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return EXIT.errors;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}

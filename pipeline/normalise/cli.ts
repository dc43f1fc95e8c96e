import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { KINDS, type Kind } from "../document/types.ts";
import { siblingTexts } from "../read/corpus.ts";
import { readSource } from "../read/read-source.ts";
import { loadYamlConfig } from "../config/load.ts";
import { sourceConfigSchema } from "../config/schema.ts";
import { formatDiagnostic } from "../publish/report.ts";
import { toMarkdown } from "../markdown/to-markdown.ts";
import { normalise, type NormaliseConfig } from "./index.ts";
import { normalisePdf } from "./source.ts";

const HELP = `tweeluik normalise FILE [options]

Prints source FILE (PDF-extracted text, or the PDF itself) as normalised
Markdown on stdout: YAML front matter with the metadata, one block per line,
footnotes as [^id]. A tagged PDF is read through its structure tree where the
tree holds its text; any other PDF with its layout (sizes, weights, positions,
columns, the note area); --report says which, and why.

Options:
  --kind K        minutes | advice | magazine | report, when no config says it
                  (default: the config's kind, else report)
  --config FILE   source config (default: <slug>.yaml beside FILE, if present);
                  its corrections: are applied
  --report        print the diagnostics to stderr as file:line: severity code message
  --layout        a tagged PDF: set its structure tree aside and read its layout
  -h, --help      this help

The other .txt files beside FILE serve as the corpus whose word forms decide
line-end hyphens. Exit codes: 0 ok, 1 errors found, 2 usage.
`;

/** `tweeluik normalise FILE [--kind K] [--config FILE] [--report] [--layout]`; returns the exit code. */
export async function normaliseCommand(argv: string[]): Promise<number> {
  let values: { kind?: string; config?: string; report?: boolean; layout?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kind: { type: "string" },
        config: { type: "string" },
        report: { type: "boolean", default: false },
        layout: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (err) {
    process.stderr.write(`tweeluik normalise: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`tweeluik normalise: expected one FILE, got ${positionals.length}\n\n${HELP}`);
    return 2;
  }
  if (values.kind !== undefined && !(KINDS as readonly string[]).includes(values.kind)) {
    process.stderr.write(`tweeluik normalise: --kind must be one of ${KINDS.join(", ")}, got "${values.kind}"\n`);
    return 2;
  }
  const file = positionals[0]!;
  const pdf = /\.pdf$/i.test(file);
  const slug = basename(file).replace(/\.[^.]+$/, "");
  const configFile = values.config ?? join(dirname(file), `${slug}.yaml`);
  let config: NormaliseConfig | undefined;
  if (values.config !== undefined || existsSync(configFile)) config = loadYamlConfig(configFile, sourceConfigSchema);
  if (config && values.kind) config = { ...config, kind: values.kind };
  const kind = values.kind as Kind | undefined;
  const doc = pdf
    ? await normalisePdf(file, { slug, config, kind, corpus: siblingTexts(file), ...(values.layout ? { structure: false } : {}) })
    : normalise(readSource(file), config, { kind, corpus: siblingTexts(file) });
  process.stdout.write(toMarkdown(doc));
  if (values.report)
    for (const d of doc.diagnostics) process.stderr.write(`${d.position ? formatDiagnostic(d) : `${file}: ${formatDiagnostic(d)}`}\n`);
  return doc.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}


// Typeset every text of the development corpus with engines other than ours and extract it
// again with the extractors people use: `npm run corpus:generate [-- --layout X] [-- --doc SLUG] [-- --extract]`.
//
//   bench/corpus/texts/<slug>.md                     the text, and its own gold
//   bench/corpus/pdf/<layout>/<slug>.pdf             typeset by pdflatex, Chromium, WeasyPrint or LibreOffice
//   bench/corpus/txt/<layout>.<mode>/<slug>.txt      the extraction, untouched: pdftotext (mode default | raw |
//                                                    physical), MuPDF's mutool (mutool), Apache PDFBox (pdfbox)
//
// Pandoc turns each text's Markdown into the engine's input. Nothing is done to the
// extracted text: its line-end hyphens, running heads, page numbers, stranded footnotes and
// Chromium's header and footer are what the normaliser has to deal with.
// A missing tool stops the run with one line naming it.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import pLimit from "p-limit";
import { parse as parseYaml } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const TEXTS = join(here, "texts");
const PDF = join(here, "pdf");
const TXT = join(here, "txt");

/** Fixed timestamp for the engines that honour it (pdfTeX, pandoc): 2025-01-01T00:00:00Z. */
const SOURCE_DATE_EPOCH = "1735689600";
const ENV = { ...process.env, SOURCE_DATE_EPOCH, FORCE_SOURCE_DATE: "1", TZ: "UTC", LC_ALL: "C.UTF-8" };

/** Apache PDFBox 2's text extractor, as Debian's libpdfbox2-java installs it. */
const PDFBOX = ["pdfbox2.jar", "pdfbox2-tools.jar", "fontbox2.jar", "commons-logging.jar"].map((j) => join("/usr/share/java", j));

/**
 * The text modes: the command that extracts a PDF's text to standard output. pdftotext in its
 * three modes; MuPDF's `mutool draw -F txt` (a blank line between the blocks it finds, a form feed
 * after every page, line-end hyphens kept); PDFBox's ExtractText, the extractor under Apache Tika
 * (no mark between pages, a raised label on a line of its own, line-end hyphens kept).
 */
export const MODES = {
  default: (pdf: string): [string, string[]] => ["pdftotext", ["-enc", "UTF-8", pdf, "-"]],
  raw: (pdf: string): [string, string[]] => ["pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"]],
  physical: (pdf: string): [string, string[]] => ["pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"]],
  mutool: (pdf: string): [string, string[]] => ["mutool", ["draw", "-q", "-F", "txt", "-o", "-", pdf]],
  pdfbox: (pdf: string): [string, string[]] => ["java", ["-cp", PDFBOX.join(delimiter), "org.apache.pdfbox.tools.ExtractText", "-encoding", "UTF-8", "-console", pdf]],
} as const;
type Mode = keyof typeof MODES;

interface Text {
  slug: string;
  file: string;
  title: string;
  short: string;
  kind: string;
  date: string;
  /** The Markdown body without the front matter. */
  body: string;
}

interface Layout {
  name: string;
  description: string;
  tools: string[];
  /** TeX files the layout needs (checked with kpsewhich), with the Debian package that has them. */
  texFiles?: [string, string][];
  /** Only the PDF is kept: its text extractions would repeat another layout's (a tagged export of the same pages). */
  pdfOnly?: boolean;
  /** Typeset every text into pdf/<layout>/<slug>.pdf. */
  run(texts: Text[], work: string, done: (t: Text, pdf: string) => void): Promise<void>;
}

class Failure extends Error {}

// ---------------------------------------------------------------------------------------------
// Texts

function readTexts(): Text[] {
  const files = readdirSync(TEXTS).filter((f) => f.endsWith(".md")).sort();
  return files.map((f) => {
    const file = join(TEXTS, f);
    const src = readFileSync(file, "utf8").replace(/\r\n?/g, "\n");
    const m = /^---\n([\s\S]*?)\n(?:---|\.\.\.)\n/.exec(src);
    if (!m) throw new Failure(`${relative(root, file)}: no YAML front matter`);
    const fm = (parseYaml(m[1]!) ?? {}) as Record<string, unknown>;
    const str = (k: string): string => {
      const v = fm[k];
      if (v === undefined || v === null || String(v).trim() === "") throw new Failure(`${relative(root, file)}: front matter has no ${k}`);
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
    };
    return { slug: f.replace(/\.md$/, ""), file, title: str("title"), short: str("short"), kind: str("kind"), date: str("date"), body: src.slice(m[0].length) };
  });
}

/** The body's first `# ` heading, printed as the title, and the body without it. */
function splitTitle(body: string): { heading: string | undefined; rest: string } {
  const m = /^# +(.+?)\s*$/m.exec(body);
  if (!m) return { heading: undefined, rest: body };
  return { heading: m[1]!, rest: body.slice(0, m.index) + body.slice(m.index + m[0].length) };
}

// ---------------------------------------------------------------------------------------------
// Tools

function which(tool: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const p = join(dir, tool);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

const PACKAGES: Record<string, string> = {
  pandoc: "pandoc",
  weasyprint: "weasyprint",
  pdftotext: "poppler-utils",
  pdfinfo: "poppler-utils",
  pdflatex: "texlive-latex-base",
  kpsewhich: "texlive-binaries",
  chromium: "chromium",
  soffice: "libreoffice-writer-nogui",
  "fc-list": "fontconfig",
  mutool: "mupdf-tools",
  java: "default-jre-headless",
};

function requireTools(layouts: Layout[]): void {
  const tools = new Set(["pandoc", "pdftotext", "pdfinfo", "mutool", "java", ...layouts.flatMap((l) => l.tools)]);
  for (const t of tools) {
    if (!which(t)) throw new Failure(`missing tool: ${t} (apt-get install ${PACKAGES[t] ?? t})`);
  }
  for (const jar of PDFBOX) if (!existsSync(jar)) throw new Failure(`missing ${jar} for mode pdfbox (apt-get install libpdfbox2-java)`);
  for (const l of layouts) {
    for (const [file, pkg] of l.texFiles ?? []) {
      const r = spawnSync("kpsewhich", [file], { encoding: "utf8" });
      if (r.status !== 0 || !r.stdout.trim()) throw new Failure(`missing TeX file: ${file} for layout ${l.name} (apt-get install ${pkg})`);
    }
  }
  if (layouts.some((l) => l.name === "weasyprint")) {
    const fonts = spawnSync("fc-list", ["Liberation Sans"], { encoding: "utf8" }).stdout ?? "";
    if (!fonts.trim()) throw new Failure("missing font: Liberation Sans for layout weasyprint (apt-get install fonts-liberation2)");
  }
  if (layouts.some((l) => l.name.startsWith("libreoffice"))) {
    const fonts = spawnSync("fc-list", ["Liberation Serif"], { encoding: "utf8" }).stdout ?? "";
    if (!fonts.trim()) throw new Failure("missing font: Liberation Serif for layout libreoffice (apt-get install fonts-liberation2)");
    if (!existsSync("/usr/share/hyphen/hyph_nl_NL.dic"))
      throw new Failure("missing Dutch hyphenation patterns for layout libreoffice (apt-get install hyphen-nl)");
  }
}

function run(cmd: string, args: string[], opts: { cwd?: string; input?: string; timeout?: number } = {}): string {
  const r = spawnSync(cmd, args, { cwd: opts.cwd, input: opts.input, env: ENV, encoding: "utf8", maxBuffer: 64 << 20, timeout: opts.timeout ?? 120_000 });
  if (r.error) throw new Failure(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const msg = (r.stderr || r.stdout || "").trim().split("\n").filter(Boolean).slice(-1)[0] ?? `exit ${r.status}`;
    throw new Failure(`${cmd} ${args.filter((a) => !a.startsWith("-")).slice(-1)[0] ?? ""}: ${msg}`);
  }
  return r.stdout;
}

function pandoc(markdown: string, to: string, extra: string[] = [], from = "markdown"): string {
  return run("pandoc", ["-f", from, "-t", to, ...extra], { input: markdown });
}

// ---------------------------------------------------------------------------------------------
// LaTeX layouts

function latexEscape(s: string): string {
  return s.replace(/[\\{}$&#^_%~]/g, (c) =>
    c === "\\" ? "\\textbackslash{}" : c === "~" ? "\\textasciitilde{}" : c === "^" ? "\\textasciicircum{}" : `\\${c}`,
  );
}

/** Markdown inline text (a heading) to LaTeX, without a paragraph break. */
function latexInline(md: string): string {
  return pandoc(md, "latex").trim();
}

const LATEX_COMMON = String.raw`\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{textcomp}
\providecommand{\tightlist}{\setlength{\itemsep}{0pt}\setlength{\parskip}{0pt}}
\setcounter{secnumdepth}{-\maxdimen}
\emergencystretch=1.5em
`;
const HYPERREF = String.raw`\usepackage[hidelinks,bookmarks=false,pdfcreator={},pdfproducer={}]{hyperref}
\usepackage{xurl}
\urlstyle{same}
`;

interface LatexStyle {
  preamble: (t: Text) => string;
  title: (heading: string) => string;
  /** Drop pandoc's per-list \def\labelenumi so the class's own label is used. */
  ownEnumLabels?: boolean;
  /** pdflatex runs: two where the document prints its own table of contents (written on the first). */
  runs?: number;
}

const LATEX_STYLES: Record<string, LatexStyle> = {
  "latex-article": {
    preamble: (t) => String.raw`\documentclass[11pt,a4paper]{article}
${LATEX_COMMON}\usepackage{lmodern}
\usepackage[dutch]{babel}
\usepackage[a4paper,hmargin=2.7cm,top=2.5cm,bottom=3cm,headheight=14pt]{geometry}
\usepackage{fancyhdr}
${HYPERREF}\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\small\itshape ${latexEscape(t.short)}}
\fancyhead[R]{\small\itshape ${latexEscape(t.date)}}
\fancyfoot[C]{\thepage}
\renewcommand{\headrulewidth}{0.4pt}
`,
    title: (h) => String.raw`{\raggedright\noindent\LARGE\bfseries ${h}\par}
\vspace{1.5\baselineskip}
`,
  },
  "latex-twocolumn": {
    preamble: (t) => String.raw`\documentclass[10pt,a4paper,twocolumn]{article}
${LATEX_COMMON}\usepackage{lmodern}
\usepackage[dutch]{babel}
\usepackage[a4paper,hmargin=1.6cm,top=2cm,bottom=2cm,columnsep=0.7cm,headheight=13pt]{geometry}
\usepackage{fancyhdr}
${HYPERREF}\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\footnotesize\scshape ${latexEscape(t.short)}}
\fancyhead[R]{\footnotesize\thepage}
\renewcommand{\headrulewidth}{0.3pt}
`,
    title: (h) => String.raw`\twocolumn[{\raggedright\noindent\Large\bfseries ${h}\par\vspace{1.2\baselineskip}}]
`,
  },
  "latex-twoside": {
    preamble: (t) => String.raw`\documentclass[11pt,a4paper,twoside]{article}
${LATEX_COMMON}\usepackage{tgtermes}
\usepackage[dutch]{babel}
\usepackage[a4paper,inner=2.5cm,outer=3.2cm,top=2.6cm,bottom=2.8cm,headheight=14pt]{geometry}
\usepackage{fancyhdr}
${HYPERREF}\pagestyle{fancy}
\renewcommand{\sectionmark}[1]{\markboth{#1}{#1}}
\renewcommand{\subsectionmark}[1]{}
\fancyhf{}
\fancyhead[LE]{\small\thepage\quad\textit{${latexEscape(t.short)}}}
\fancyhead[RO]{\small\textit{\rightmark}\quad\thepage}
\renewcommand{\headrulewidth}{0pt}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\small\thepage}}
\thispagestyle{plain}
`,
    title: (h) => String.raw`\thispagestyle{plain}{\raggedright\noindent\LARGE ${h}\par}
\vspace{1.5\baselineskip}
`,
  },
  "latex-report": {
    preamble: (t) => String.raw`\documentclass[11pt,a4paper]{article}
${LATEX_COMMON}\usepackage{tgschola}
\usepackage{tgcursor}
\usepackage[dutch]{babel}
\usepackage[a4paper,hmargin=2.8cm,top=2.5cm,bottom=3.2cm]{geometry}
\usepackage{fancyhdr}
${HYPERREF}\pagestyle{fancy}
\fancyhf{}
\fancyfoot[L]{\footnotesize ${latexEscape(t.short)}}
\fancyfoot[R]{\footnotesize Pagina \thepage}
\renewcommand{\headrulewidth}{0pt}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[L]{\footnotesize ${latexEscape(t.short)}}\fancyfoot[R]{\footnotesize Pagina \thepage}}
\urlstyle{tt}
\raggedright
\hyphenpenalty=10000
\exhyphenpenalty=10000
\setlength{\parindent}{0pt}
\setlength{\parskip}{6pt plus 2pt}
\usepackage{tocloft}
\renewcommand{\cftsecleader}{\cftdotfill{\cftdotsep}}
\renewcommand{\cftsecfont}{\normalfont}
\renewcommand{\cftsecpagefont}{\normalfont}
`,
    title: (h) => String.raw`\begin{titlepage}\vspace*{6cm}{\raggedright\noindent\Huge ${h}\par}\end{titlepage}
\pagenumbering{roman}\tableofcontents\clearpage\pagenumbering{arabic}
`,
    runs: 2,
  },
  "latex-koma": {
    preamble: (t) => String.raw`\documentclass[11pt,a4paper,parskip=half,DIV=11]{scrartcl}
${LATEX_COMMON}\usepackage{tgpagella}
\usepackage[scale=0.9]{tgheros}
\usepackage[dutch]{babel}
\usepackage[headsepline]{scrlayer-scrpage}
${HYPERREF}\clearpairofpagestyles
\ihead{${latexEscape(t.short)}}
\ohead{\pagemark}
\pagestyle{scrheadings}
\setkomafont{pageheadfoot}{\normalfont\footnotesize\sffamily}
\renewcommand{\labelitemi}{--}
\renewcommand{\labelitemii}{\textbullet}
\renewcommand{\labelenumi}{\arabic{enumi})}
\deffootnote{1.5em}{1em}{\thefootnotemark\ }
`,
    title: (h) => String.raw`{\raggedright\usekomafont{disposition}\huge ${h}\par}
\vspace{1.2\baselineskip}
`,
    ownEnumLabels: true,
  },
};

function latexLayout(name: string, description: string, extraTexFiles: [string, string][]): Layout {
  const style = LATEX_STYLES[name]!;
  return {
    name,
    description,
    tools: ["pdflatex", "kpsewhich"],
    texFiles: [
      ["babel.sty", "texlive-latex-base"],
      ["dutch.ldf", "texlive-lang-european"],
      ["hyph-nl.tex", "texlive-lang-european"],
      ["hyperref.sty", "texlive-latex-base"],
      ["xurl.sty", "texlive-latex-extra"],
      ...extraTexFiles,
    ],
    async run(texts, work, done) {
      const limit = pLimit(2);
      await Promise.all(
        texts.map((t) =>
          limit(() => {
            const { heading, rest } = splitTitle(t.body);
            // bare URLs as \url, so that xurl can break them at the line end as a real document does
            let body = pandoc(rest, "latex", [], "markdown+autolink_bare_uris");
            if (style.ownEnumLabels) body = body.replace(/^\\def\\labelenum[iv]+\{.*\}\n/gm, "");
            const tex = `${style.preamble(t)}\\begin{document}\n${heading ? style.title(latexInline(heading)) : ""}${body}\n\\end{document}\n`;
            const dir = join(work, name, t.slug);
            mkdirSync(dir, { recursive: true });
            writeFileSync(join(dir, "doc.tex"), tex);
            const typeset = () => spawnSync("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "doc.tex"], { cwd: dir, env: ENV, encoding: "utf8", maxBuffer: 64 << 20, timeout: 120_000 });
            let r = typeset();
            for (let run = 1; run < (style.runs ?? 1) && r.status === 0; run++) r = typeset();
            if (r.status !== 0 || !existsSync(join(dir, "doc.pdf"))) {
              const log = existsSync(join(dir, "doc.log")) ? readFileSync(join(dir, "doc.log"), "latin1") : r.stdout;
              const err = log.split("\n").find((l) => l.startsWith("!")) ?? `exit ${r.status}`;
              throw new Failure(`pdflatex failed on ${relative(root, t.file)} (${name}): ${err}`);
            }
            const pdf = join(PDF, name, `${t.slug}.pdf`);
            writeFileSync(pdf, readFileSync(join(dir, "doc.pdf")));
            done(t, pdf);
          }),
        ),
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Chromium

const CSS = `
@page { size: A4; margin: 2.2cm 2.4cm; }
html { font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.4; color: #000; background: #fff; }
body { margin: 0; padding: 0; }
p, li { text-align: justify; hyphens: auto; -webkit-hyphens: auto; overflow-wrap: break-word; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 0.8em; }
h2 { font-size: 14pt; margin: 1.2em 0 0.4em; }
h3 { font-size: 11.5pt; margin: 1em 0 0.3em; }
p { margin: 0 0 0.6em; }
ul, ol { padding-left: 1.6em; }
.footnotes { font-size: 9pt; }
.footnotes hr { width: 30%; margin-left: 0; }
`;

/** A fixed place for the HTML files: Chromium prints their file URL in the page footer. */
const HTML_DIR = "/tmp/tweeluik-corpus";

const chromium: Layout = {
  name: "chromium",
  description: "pandoc HTML5 + CSS (DejaVu Serif 11pt, justified, hyphens:auto, lang=nl, endnotes) printed by headless Chromium with its default header and footer",
  tools: ["chromium"],
  async run(texts, work, done) {
    mkdirSync(HTML_DIR, { recursive: true });
    writeFileSync(join(work, "style.html"), `<style>${CSS}</style>\n`);
    const limit = pLimit(2);
    await Promise.all(
      texts.map((t) =>
        limit(async () => {
          const html = join(HTML_DIR, `${t.slug}.html`);
          const out = pandoc(t.body, "html5", ["-s", "-H", join(work, "style.html"), "-M", "document-css=false", "-M", `pagetitle=${t.title}`, "-M", "lang=nl"]);
          writeFileSync(html, out);
          const profile = mkdtempSync(join(tmpdir(), "tweeluik-chromium-"));
          const pdf = join(PDF, "chromium", `${t.slug}.pdf`);
          rmSync(pdf, { force: true });
          try {
            await spawnAsync("chromium", [
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-quic",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              `--user-data-dir=${profile}`,
              `--print-to-pdf=${pdf}`,
              pathToFileURL(html).href,
            ]);
          } finally {
            rmSync(profile, { recursive: true, force: true });
            rmSync(html, { force: true });
          }
          if (!existsSync(pdf)) throw new Failure(`chromium wrote no PDF for ${relative(root, t.file)}`);
          done(t, pdf);
        }),
      ),
    );
  },
};

// ---------------------------------------------------------------------------------------------
// WeasyPrint

/**
 * CSS Paged Media as WeasyPrint reads it: the short title and the council's name in the page's
 * head (not on page 1), "Pagina n van m" at its foot, footnotes at the foot of their page
 * (`float: footnote`, numbered "1." under a rule), justified Liberation Sans with Dutch hyphenation.
 */
const WEASY_CSS = `
@page { size: A4; margin: 2.4cm 2.6cm 2.6cm 2.6cm;
  @top-right { content: "SER"; font: 8.5pt "Liberation Sans"; color: #444; }
  @bottom-right { content: "Pagina " counter(page) " van " counter(pages); font: 8.5pt "Liberation Sans"; }
  @footnote { border-top: 0.5pt solid black; padding-top: 4pt; }
}
@page :first { @top-left { content: none; } @top-right { content: none; } }
html { font-family: "Liberation Sans", sans-serif; font-size: 10pt; line-height: 1.4; }
body { text-align: justify; hyphens: auto; }
h1 { font-size: 17pt; text-align: left; margin: 0 0 1em; }
h2 { font-size: 12.5pt; margin: 1.2em 0 0.4em; }
h3 { font-size: 10.5pt; font-style: italic; margin: 1em 0 0.3em; }
p { margin: 0 0 0.7em; }
.fn { float: footnote; font-size: 8pt; text-align: left; }
::footnote-call { font-size: 7pt; vertical-align: super; }
::footnote-marker { content: counter(footnote) ". "; }
`;

/** Pandoc's notes as spans WeasyPrint floats to the page's foot. */
const WEASY_NOTES = `function Note(el)
  return pandoc.Span(pandoc.utils.blocks_to_inlines(el.content), {class = "fn"})
end
`;

const weasyprint: Layout = {
  name: "weasyprint",
  description: "pandoc HTML5 + CSS Paged Media (Liberation Sans 10pt, justified, hyphens:auto, lang=nl) typeset by WeasyPrint: short title and “SER” in the head, “Pagina n van m” at the foot, footnotes “1.” at the page's foot",
  tools: ["weasyprint"],
  async run(texts, work, done) {
    writeFileSync(join(work, "weasy.css"), WEASY_CSS);
    writeFileSync(join(work, "notes.lua"), WEASY_NOTES);
    const limit = pLimit(2);
    await Promise.all(
      texts.map((t) =>
        limit(async () => {
          const head = `<style>@page { @top-left { content: "${t.short.replace(/["\\]/g, "\\$&")}"; font: italic 8.5pt "Liberation Sans"; color: #444; } }</style>\n`;
          writeFileSync(join(work, `${t.slug}.head.html`), head);
          const html = join(work, `${t.slug}.html`);
          writeFileSync(html, pandoc(t.body, "html5", ["-s", "--lua-filter", join(work, "notes.lua"), "-c", join(work, "weasy.css"), "-H", join(work, `${t.slug}.head.html`), "-M", "document-css=false", "-M", `pagetitle=${t.title}`, "-M", "lang=nl"]));
          const pdf = join(PDF, "weasyprint", `${t.slug}.pdf`);
          rmSync(pdf, { force: true });
          await spawnAsync("weasyprint", ["-q", html, pdf]);
          if (!existsSync(pdf)) throw new Failure(`weasyprint wrote no PDF for ${relative(root, t.file)}`);
          done(t, pdf);
        }),
      ),
    );
  },
};

function spawnAsync(cmd: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const p = spawn(cmd, args, { env: ENV, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => p.kill("SIGKILL"), 120_000);
    p.on("error", (e) => fail(new Failure(`${cmd}: ${e.message}`)));
    p.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) ok();
      else fail(new Failure(`${cmd} exited ${code}: ${err.trim().split("\n").slice(-1)[0] ?? ""}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// LibreOffice

function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function replaceOnce(s: string, from: string | RegExp, to: string): string {
  const out = s.replace(from, to);
  if (out === s) throw new Failure(`libreoffice: pandoc's reference.odt changed: ${String(from)} not found`);
  return out;
}

/**
 * pandoc's own reference.odt, made into a Dutch A4 document: Liberation Serif 11pt, justified
 * and hyphenated body text, the short title in the page head, "Pagina N" in the foot.
 */
function referenceOdt(defaultOdt: Uint8Array, short: string): Uint8Array {
  const files = unzipSync(defaultOdt);
  let s = strFromU8(files["styles.xml"]!);
  s = replaceOnce(
    s,
    "<office:font-face-decls>",
    `<office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman" style:font-pitch="variable" /><style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss" style:font-pitch="variable" />`,
  );
  s = replaceOnce(s, /style:font-name="Times New Roman" fo:font-size="12pt"/, 'style:font-name="Liberation Serif" fo:font-size="11pt"');
  s = replaceOnce(s, /fo:language="en" fo:country="US"/, 'fo:language="nl" fo:country="NL"');
  s = replaceOnce(s, /fo:hyphenate="false"/, 'fo:hyphenate="true"');
  s = replaceOnce(s, /(<style:style style:name="Heading"[\s\S]*?)style:font-name="Arial"/, '$1style:font-name="Liberation Sans"');
  s = replaceOnce(
    s,
    /(<style:style style:name="Text_20_body"[\s\S]*?<style:paragraph-properties) /,
    '$1 fo:text-align="justify" style:justify-single-word="false" ',
  );
  s = replaceOnce(s, /fo:page-width="8.5in"\s+fo:page-height="11in"/, 'fo:page-width="21cm" fo:page-height="29.7cm"');
  s = replaceOnce(s, /fo:margin-top="1in"\s+fo:margin-bottom="1in" fo:margin-left="1in"\s+fo:margin-right="1in"/, 'fo:margin-top="1.6cm" fo:margin-bottom="1.6cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"');
  s = replaceOnce(
    s,
    "<style:header-style />",
    '<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.5cm" style:dynamic-spacing="false" /></style:header-style>',
  );
  s = replaceOnce(
    s,
    /<style:footer>\s*<text:p text:style-name="MP1">\s*<text:page-number text:select-page="current">\s*1<\/text:page-number>\s*<\/text:p>\s*<\/style:footer>/,
    `<style:header><text:p text:style-name="Header">${xmlEscape(short)}</text:p></style:header><style:footer><text:p text:style-name="MP1">Pagina <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>`,
  );
  s = replaceOnce(s, /(<style:style style:name="MP1"[\s\S]*?)fo:text-align="center"/, '$1fo:text-align="end"');
  files["styles.xml"] = strToU8(s);
  // mimetype first and stored, as ODF requires
  const zip: Zippable = { mimetype: [files["mimetype"]!, { level: 0 }] };
  for (const [k, v] of Object.entries(files)) if (k !== "mimetype") zip[k] = [v, { level: 6, mtime: new Date("2025-01-01T00:00:00Z") }];
  return zipSync(zip);
}

/** pandoc → .odt → soffice; `tagged`: exported as tagged PDF (a structure tree, artifacts for head and foot). */
const libreofficeLayout = (name: string, tagged: boolean): Layout => ({
  name,
  pdfOnly: tagged,
  description: `pandoc → .odt (reference doc: A4, Liberation Serif 11pt, justified, Dutch hyphenation, short title in the head, “Pagina N” in the foot) → soffice --convert-to pdf${tagged ? " as tagged PDF" : ""}; footnotes at the page bottom`,
  tools: ["soffice", "fc-list"],
  async run(texts, work, done) {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    const defaultOdt = execFileSync("pandoc", ["--print-default-data-file", "reference.odt"], { env: ENV, maxBuffer: 64 << 20 });
    const odts: string[] = [];
    for (const t of texts) {
      const ref = join(dir, `${t.slug}.reference.odt`);
      writeFileSync(ref, referenceOdt(defaultOdt, t.short));
      const odt = join(dir, `${t.slug}.odt`);
      run("pandoc", ["-f", "markdown", "-t", "odt", "--reference-doc", ref, "-M", "lang=nl-NL", "-o", odt], { input: t.body });
      odts.push(odt);
    }
    const profile = mkdtempSync(join(tmpdir(), "tweeluik-soffice-"));
    const outDir = join(dir, "pdf");
    try {
      run("soffice", [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--convert-to", tagged ? `pdf:writer_pdf_Export:${JSON.stringify({ UseTaggedPDF: { type: "boolean", value: "true" } })}` : "pdf", "--outdir", outDir, ...odts], { timeout: 600_000 });
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    for (const t of texts) {
      const made = join(outDir, `${t.slug}.pdf`);
      if (!existsSync(made)) throw new Failure(`soffice wrote no PDF for ${relative(root, t.file)}`);
      const pdf = join(PDF, name, `${t.slug}.pdf`);
      writeFileSync(pdf, readFileSync(made));
      done(t, pdf);
    }
  },
});

// ---------------------------------------------------------------------------------------------

export const LAYOUTS: Layout[] = [
  latexLayout("latex-article", "pdflatex, article 11pt A4, Latin Modern (T1), Dutch babel hyphenation, fancyhdr: short title and date in the head, page number in the foot, footnotes at the page bottom", [
    ["lmodern.sty", "lmodern"],
    ["fancyhdr.sty", "texlive-latex-base"],
    ["geometry.sty", "texlive-latex-base"],
  ]),
  latexLayout("latex-twocolumn", "pdflatex, article 10pt twocolumn, narrow margins, Latin Modern, Dutch hyphenation, short title and page number in the head, footnotes at the column bottom", [
    ["lmodern.sty", "lmodern"],
    ["fancyhdr.sty", "texlive-latex-base"],
    ["geometry.sty", "texlive-latex-base"],
  ]),
  latexLayout("latex-twoside", "pdflatex, article 11pt twoside, TeX Gyre Termes, Dutch hyphenation, fancyhdr: on even pages the page number and short title at the left of the head, on odd pages the current section's title and the page number at the right; page 1 numbered in the foot; footnotes at the page bottom", [
    ["tgtermes.sty", "tex-gyre"],
    ["fancyhdr.sty", "texlive-latex-base"],
    ["geometry.sty", "texlive-latex-base"],
  ]),
  latexLayout("latex-report", "pdflatex, article 11pt as a printed report: a cover page with the title alone, a table of contents with dot leaders and page numbers (pages numbered i, ii), then the text from page 1; TeX Gyre Schola (web addresses in TeX Gyre Cursor), ragged right without hyphenation, paragraphs apart by 6pt and not indented; no head, the short title and “Pagina N” in the foot; footnotes at the page bottom", [
    ["tgschola.sty", "tex-gyre"],
    ["tgcursor.sty", "tex-gyre"],
    ["fancyhdr.sty", "texlive-latex-base"],
    ["geometry.sty", "texlive-latex-base"],
    ["tocloft.sty", "texlive-latex-extra"],
  ]),
  latexLayout("latex-koma", "pdflatex, KOMA-Script scrartcl with TeX Gyre Pagella (headings TeX Gyre Heros), half-line parskip, Dutch hyphenation, scrlayer-scrpage head (short title left, page number right), en-dash bullets and “1)” numbers", [
    ["scrartcl.cls", "texlive-latex-recommended"],
    ["scrlayer-scrpage.sty", "texlive-latex-recommended"],
    ["tgpagella.sty", "tex-gyre"],
    ["tgheros.sty", "tex-gyre"],
  ]),
  chromium,
  weasyprint,
  libreofficeLayout("libreoffice", false),
  libreofficeLayout("libreoffice-tagged", true),
];

function usage(msg: string): never {
  console.error(`corpus:generate: ${msg}\nusage: npm run corpus:generate [-- --layout NAME] [-- --doc SLUG] [-- --extract]   layouts: ${LAYOUTS.map((l) => l.name).join(", ")}`);
  process.exit(2);
}

function parseArgs(argv: string[]): { layouts: string[]; docs: string[]; extract: boolean } {
  const layouts: string[] = [];
  const docs: string[] = [];
  let extract = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = (): string => argv[++i] ?? usage(`${a} needs a value`);
    if (a === "--layout") layouts.push(val());
    else if (a === "--doc") docs.push(val().replace(/\.md$/, ""));
    else if (a === "--extract") extract = true;
    else if (a === "--help" || a === "-h") usage("help");
    else usage(`unknown argument ${a}`);
  }
  return { layouts, docs, extract };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  for (const l of args.layouts) if (!LAYOUTS.some((x) => x.name === l)) usage(`unknown layout ${l}`);
  const layouts = args.layouts.length ? LAYOUTS.filter((l) => args.layouts.includes(l.name)) : LAYOUTS;
  requireTools(args.extract ? [] : layouts);
  const all = readTexts();
  for (const d of args.docs) if (!all.some((t) => t.slug === d)) usage(`no text bench/corpus/texts/${d}.md`);
  const texts = args.docs.length ? all.filter((t) => args.docs.includes(t.slug)) : all;
  if (!texts.length) throw new Failure("no texts in bench/corpus/texts");

  const work = mkdtempSync(join(tmpdir(), "tweeluik-corpus-build-"));
  let count = 0;
  try {
    for (const layout of layouts) {
      mkdirSync(join(PDF, layout.name), { recursive: true });
      const modes = layout.pdfOnly ? [] : (Object.keys(MODES) as Mode[]);
      for (const mode of modes) mkdirSync(join(TXT, `${layout.name}.${mode}`), { recursive: true });
      if (!args.docs.length) removeStale(layout.name, new Set(all.map((t) => t.slug)));
      // (--extract: the text modes again from the PDFs in pdf/, without typesetting them anew)
      const typeset = args.extract ? async (ts: Text[], _work: string, done: (t: Text, pdf: string) => void) => {
        for (const t of ts) {
          const pdf = join(PDF, layout.name, `${t.slug}.pdf`);
          if (!existsSync(pdf)) throw new Failure(`no ${relative(root, pdf)} to extract: typeset it first (without --extract)`);
          done(t, pdf);
        }
      } : layout.run.bind(layout);
      await typeset(texts, work, (t, pdf) => {
        const pages = /Pages:\s+(\d+)/.exec(run("pdfinfo", [pdf]))?.[1] ?? "?";
        console.log(`pdf  ${relative(root, pdf)}  ${pages} pages  ${kb(statSync(pdf).size)}`);
        for (const mode of modes) {
          const txt = run(...MODES[mode](pdf));
          const file = join(TXT, `${layout.name}.${mode}`, `${t.slug}.txt`);
          writeFileSync(file, txt);
          console.log(`txt  ${relative(root, file)}  ${txt.length} chars`);
          count++;
        }
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`${texts.length} texts × ${layouts.length} layouts: ${count} text files`);
}

/** Outputs of texts that no longer exist. */
function removeStale(layout: string, slugs: Set<string>): void {
  const dirs = [join(PDF, layout), ...Object.keys(MODES).map((m) => join(TXT, `${layout}.${m}`))];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)) {
      if (!slugs.has(basename(f).replace(/\.(pdf|txt)$/, ""))) {
        rmSync(join(d, f), { force: true });
        console.log(`removed ${relative(root, join(d, f))} (no such text)`);
      }
    }
  }
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(0)} KB`;
}

main().catch((err: unknown) => {
  if (err instanceof Failure) console.error(`corpus:generate: ${err.message}`);
  else console.error(`corpus:generate: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});

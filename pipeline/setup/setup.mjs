#!/usr/bin/env node
// First-run set-up, run by `npm run build`, `npm test` and `npm run proof` before anything else.
// Plain JavaScript on purpose: it runs before the npm packages (TypeScript, tsx) are installed.
//
// 1. npm packages: installs them (npm ci) when node_modules is missing or older than the lock file.
// 2. Debian packages (pandoc, epubcheck with a JRE, poppler-utils, qpdf, DejaVu fonts, chromium): installs the missing ones
//    with apt-get when running as root; otherwise prints the exact command and exits 1.
// 3. pandoc's version: at least 2.17 (JSON AST api 1.22).
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const quiet = process.argv.includes("--quiet");
const log = (msg) => { if (!quiet) process.stderr.write(`setup: ${msg}\n`); };

/** Debian packages the pipeline needs, each with the file that shows it is there. */
const DEBIAN = [
  { pkg: "pandoc", check: () => onPath("pandoc"), why: "EPUB writer" },
  { pkg: "epubcheck", check: () => existsSync("/usr/share/java/epubcheck.jar") && onPath("java"), why: "EPUB validation (brings a Java runtime)" },
  { pkg: "poppler-utils", check: () => onPath("pdffonts") && onPath("pdftotext") && onPath("pdftoppm"), why: "PDF checks and proofs" },
  { pkg: "qpdf", check: () => onPath("qpdf"), why: "PDF structure checks" },
  { pkg: "fonts-dejavu-core", check: () => existsSync("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"), why: "PDF fallback glyphs (ĳ and symbols the house fonts lack)" },
  { pkg: "fonts-dejavu-extra", check: () => existsSync("/usr/share/fonts/truetype/dejavu/DejaVuSerif-BoldItalic.ttf"), why: "PDF fallback glyphs in italic and bold" },
  { pkg: "chromium", check: () => existsSync("/usr/bin/chromium"), why: "Ace by DAISY (npm run check:a11y, test/epub-a11y.test.ts) and page screenshots" },
];
const MIN_PANDOC = [2, 17];

function onPath(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"], cwd: root, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function npmPackages() {
  const lock = join(root, "package-lock.json");
  const installed = join(root, "node_modules", ".package-lock.json");
  const stale = !existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000);
  if (!stale) return;
  log("installing npm packages");
  // Ace's puppeteer would download its own Chrome; .puppeteerrc.cjs at the root tells it not to
  // (the accessibility check drives Debian's chromium), so a plain `npm ci` works as well.
  if (!existsSync(join(root, ".puppeteerrc.cjs"))) fail(".puppeteerrc.cjs is missing: without it puppeteer downloads a browser during npm ci");
  const code = run("npm", existsSync(lock) ? ["ci", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"]);
  if (code !== 0) fail(`npm install failed (exit ${code}); see the messages above`);
  // Even when npm skips lifecycle scripts, the pandoc-ts fixes must be in place.
  if (run(join(root, "node_modules", ".bin", "patch-package"), []) !== 0) fail("patch-package could not apply patches/");
}

function debianPackages() {
  const missing = DEBIAN.filter((d) => !d.check());
  if (missing.length === 0) return;
  const names = missing.map((d) => d.pkg);
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${names.join(" ")}`;
  if (typeof process.getuid === "function" && process.getuid() === 0) {
    log(`installing Debian packages: ${missing.map((d) => `${d.pkg} (${d.why})`).join(", ")}`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    if (run("apt-get", ["update", "-qq"], { env }) !== 0) fail("apt-get update failed");
    if (run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...names], { env }) !== 0) fail(`apt-get install ${names.join(" ")} failed`);
    const still = missing.filter((d) => !d.check());
    if (still.length) fail(`installed, but still not usable: ${still.map((d) => d.pkg).join(", ")}`);
  } else {
    fail(`missing Debian packages: ${names.join(", ")}.\nRun as root:\n\n  sudo sh -c '${cmd}'\n\nthen run this command again.`);
  }
}

function pandocVersion() {
  const r = spawnSync("pandoc", ["--version"], { encoding: "utf8" });
  const m = /pandoc(?:\.exe)? (\d+)\.(\d+)/.exec(r.stdout ?? "");
  if (!m) fail("pandoc is installed but `pandoc --version` did not answer with a version");
  const [maj, min] = [Number(m[1]), Number(m[2])];
  if (maj < MIN_PANDOC[0] || (maj === MIN_PANDOC[0] && min < MIN_PANDOC[1])) fail(`pandoc ${maj}.${min} is too old: Tweeluik needs ${MIN_PANDOC.join(".")} or newer`);
}

function fail(msg) {
  process.stderr.write(`setup: ${msg}\n`);
  process.exit(1);
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node ${process.versions.node} is too old: Tweeluik needs Node 20.19 or newer`);
npmPackages();
debianPackages();
pandocVersion();

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadYamlConfig } from "../config/load.ts";
import { inLang, sourceConfigSchema } from "../config/schema.ts";
import { TweeluikError } from "../errors.ts";
import { decodeSource, readSource } from "../read/read-source.ts";
import { parseGlossary, type Glossary } from "./glossary.ts";
import { createMemory, parseMemory, SHARED_NS, type MemoryEntries } from "./memory.ts";
import { parseStyleSheet, type StyleSheet } from "./style.ts";
import type { TranslateContext } from "./translate.ts";

/** Where the translation data of a repository lives. */
export function translatePaths(root: string, slug?: string) {
  return {
    memoryDir: join(root, "locales", "en"),
    memory: slug === undefined ? undefined : join(root, "locales", "en", `${slug}.json`),
    shared: join(root, "locales", "en", `${SHARED_NS}.json`),
    glossary: join(root, "locales", "glossary", "nl-en.yaml"),
    style: join(root, "locales", "en", "style.yaml"),
    config: slug === undefined ? undefined : join(root, "source", `${slug}.yaml`),
  };
}

/** Read a memory namespace file; a file that does not exist yet is an empty namespace. */
export function readMemoryFile(file: string): MemoryEntries {
  if (!existsSync(file)) return {};
  const bytes = readFileSync(file);
  if (bytes.length === 0) throw new TweeluikError("memory:invalid", "the memory file is empty (an empty memory is {})", { file, line: 1 });
  return parseMemory(decodeSource(bytes, file), file);
}

/** Read and validate the glossary. */
export function readGlossaryFile(file: string): Glossary {
  if (!existsSync(file)) throw new TweeluikError("input:missing", "glossary not found", { file });
  return parsedOnce(glossaries, file, decodeSource(readFileSync(file), file), parseGlossary);
}

/** Read and validate the house style sheet; none (no file) means no style checks. */
export function readStyleFile(file: string): StyleSheet | undefined {
  if (!existsSync(file)) return undefined;
  return parsedOnce(styleSheets, file, decodeSource(readFileSync(file), file), parseStyleSheet);
}

/**
 * The glossary and the style sheet as parsed for the last text read from each
 * file: every document of a build reads the same ones, and the terms'
 * patterns, compiled once per glossary entry (glossary.ts), are compiled once
 * for the build. A file whose text changed is parsed again; one that fails
 * to parse is not kept. Nothing changes a parsed glossary or style sheet.
 */
const glossaries = new Map<string, { text: string; value: Glossary }>();
const styleSheets = new Map<string, { text: string; value: StyleSheet }>();

function parsedOnce<T>(cache: Map<string, { text: string; value: T }>, file: string, text: string, parse: (text: string, file: string) => T): T {
  const known = cache.get(file);
  if (known?.text === text) return known.value;
  const value = parse(text, file);
  cache.set(file, { text, value });
  return value;
}

/**
 * The translate context of one document: its memory namespace
 * (locales/en/<slug>.json) and the shared one, the glossary
 * (locales/glossary/nl-en.yaml), and the English metadata of
 * source/<slug>.yaml. Every file is validated; bad input is a TweeluikError
 * naming the file and line.
 */
export function loadTranslateContext(root: string, slug: string): TranslateContext {
  if (typeof slug !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(slug) || slug === SHARED_NS) {
    throw new TweeluikError("usage", `Expected a document slug (lower-case letters, digits, hyphens), got ${JSON.stringify(slug)}`);
  }
  const p = translatePaths(root, slug);
  const memory = createMemory(slug, readMemoryFile(p.memory!), readMemoryFile(p.shared));
  const glossary = readGlossaryFile(p.glossary);
  const ctx: TranslateContext = { slug, memory, glossary };
  const style = readStyleFile(p.style);
  if (style) ctx.style = style;
  const txt = join(root, "source", `${slug}.txt`);
  if (existsSync(txt)) ctx.sourceLines = readSource(txt).lines;
  if (existsSync(p.config!)) {
    const config = loadYamlConfig(p.config!, sourceConfigSchema);
    const metaEn: NonNullable<TranslateContext["metaEn"]> = {};
    if (config.subtitle) metaEn.subtitle = config.subtitle.en;
    if (config.description) metaEn.description = config.description.en;
    if (config.keywords) metaEn.keywords = config.keywords.en;
    metaEn.publisher = inLang(config.publisher, "en");
    if (config.author) metaEn.author = inLang(config.author, "en");
    if (config.dateNote) metaEn.dateNote = inLang(config.dateNote, "en");
    ctx.metaEn = metaEn;
  }
  return ctx;
}

import i18next, { type i18n } from "i18next";
import { z } from "zod";
import { TweeluikError } from "../errors.ts";
import { isSegmentKey, normaliseSegmentText, segmentKey } from "./key.ts";
import { similarity, similarityBound, tokens } from "./similarity.ts";

/** The namespace of the memory shared by all documents (locales/en/shared.json). */
export const SHARED_NS = "shared";

/** Review status of a memory entry, as in XLIFF 2.0 (initial → translated → reviewed). */
export const STATUSES = ["draft", "translated", "reviewed"] as const;
export type EntryStatus = (typeof STATUSES)[number];

/** Where an entry's current target came from. "legacy": made before provenance was recorded. */
export const ORIGINS = ["human", "xliff", "tmx", "legacy"] as const;
export type EntryOrigin = (typeof ORIGINS)[number];

/** A reviewed exception: a QA finding a reviewer judged right for this one segment, with who, when and why. */
export interface AcceptedException {
  code: string;
  /** The offending text the finding named; a finding with other text is not covered. */
  text: string;
  by: string;
  /** YYYY-MM-DD */
  date: string;
  why: string;
}

/**
 * One translation unit of the memory: what was translated, into what, how
 * far it is, and who did it when (provenance: "unknown" where the record
 * does not say, never a guessed name).
 */
export interface MemoryEntry {
  /** The Dutch segment (with placeholders) the target was made for. */
  source: string;
  /** The English text, carrying the same placeholders. */
  target: string;
  status: EntryStatus;
  /** A translator's note (e.g. where the author's text was corrected). */
  note?: string;
  origin?: EntryOrigin;
  translator?: string;
  /** The date the current target was written (YYYY-MM-DD). */
  translated?: string;
  reviser?: string;
  /** The date of the last review (YYYY-MM-DD); a target written after it has changed since review. */
  reviewed?: string;
  accepted?: AcceptedException[];
}

/** The provenance and exception fields of an entry, in their serialised order. */
const EXTRA_FIELDS = ["note", "origin", "translator", "translated", "reviser", "reviewed", "accepted"] as const;

/** True when the entry's target was written (or its status lowered) after its last review. */
export function changedSinceReview(e: MemoryEntry): boolean {
  if (!e.reviewed) return false;
  return e.status !== "reviewed" || (e.translated !== undefined && e.translated > e.reviewed);
}

/** A memory namespace: key (segmentKey of the source) → entry. */
export type MemoryEntries = Record<string, MemoryEntry>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");
const entrySchema = z
  .object({
    source: z.string().min(1, "source must not be empty"),
    target: z.string(),
    status: z.enum(STATUSES),
    note: z.string().optional(),
    origin: z.enum(ORIGINS).optional(),
    translator: z.string().min(1).optional(),
    translated: isoDate.optional(),
    reviser: z.string().min(1).optional(),
    reviewed: isoDate.optional(),
    accepted: z
      .array(z.object({ code: z.string().min(1), text: z.string(), by: z.string().min(1, "who accepted it"), date: isoDate, why: z.string().min(1, "why it is accepted") }).strict())
      .optional(),
  })
  .strict();

/**
 * Parse and validate a memory file (locales/en/<ns>.json). Syntax errors,
 * duplicate keys, bad fields and keys that do not match their source
 * (the key is segmentKey(source), so an edited source needs a new key) are
 * a TweeluikError "memory:invalid" naming the file and line.
 */
export function parseMemory(text: string, file: string): MemoryEntries {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const at = jsonErrorAt(text);
    throw new TweeluikError("memory:invalid", `JSON syntax: ${at.message}`, { file, line: text.slice(0, at.offset).split("\n").length });
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new TweeluikError("memory:invalid", "expected an object of entries keyed by segment key", { file, line: 1 });
  }
  const seen = new Map<string, number>();
  for (const [key, line] of keyLines(text)) {
    if (seen.has(key)) throw new TweeluikError("memory:invalid", `duplicate key "${key}" (first on line ${seen.get(key)})`, { file, line });
    seen.set(key, line);
  }
  const out: MemoryEntries = {};
  for (const [key, value] of Object.entries(data)) {
    const line = seen.get(key);
    if (!isSegmentKey(key)) throw new TweeluikError("memory:invalid", `"${key}" is not a segment key (12 lower-case hex digits)`, { file, line });
    const r = entrySchema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new TweeluikError("memory:invalid", `${key}.${issue.path.join(".")}: ${issue.message}`, { file, line });
    }
    const want = segmentKey(r.data.source);
    if (want !== key) {
      throw new TweeluikError("memory:invalid", `key "${key}" does not match its source (expected "${want}"); an edited source needs a new entry`, { file, line });
    }
    out[key] = ordered(r.data as MemoryEntry);
  }
  return out;
}

/** Keys at the top level of a memory file with their lines (entries are one level deep). */
function keyLines(text: string): [string, number][] {
  const out: [string, number][] = [];
  const lines = text.split("\n");
  let depth = 0;
  lines.forEach((l, i) => {
    const m = /^\s*"((?:[^"\\]|\\.)*)"\s*:/.exec(l);
    if (m && depth === 1) out.push([JSON.parse(`"${m[1]}"`) as string, i + 1]);
    for (const c of l.replace(/"(?:[^"\\]|\\.)*"/g, "")) {
      if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") depth--;
    }
  });
  return out;
}

/**
 * Where a JSON text goes wrong and why: a small scanner, because
 * JSON.parse's message does not always give a position (Node 20).
 */
export function jsonErrorAt(text: string): { offset: number; message: string } {
  let i = 0;
  const ws = () => {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  };
  const fail = (message: string): never => {
    throw { offset: i, message };
  };
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text[i] === "\n") fail("line break inside a string");
      i++;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a "key", found ${show(text[i])}`);
        str();
        ws();
        if (text[i] !== ":") fail(`expected ":" after the key, found ${show(text[i])}`);
        i++;
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") return void i++;
        fail(`expected "," or "}", found ${show(text[i])}`);
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") return void i++;
        fail(`expected "," or "]", found ${show(text[i])}`);
      }
    }
    if (c === '"') return str();
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (lit) return void (i += lit[0].length);
    fail(`expected a value, found ${show(c)}`);
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${show(text[i])} after the end of the document`);
  } catch (e) {
    if (typeof e === "object" && e !== null && "offset" in e) return e as { offset: number; message: string };
    throw e;
  }
  return { offset: 0, message: "invalid JSON" };
}

const show = (c: string | undefined) => (c === undefined ? "the end of the file" : JSON.stringify(c));

/** A memory file's text: keys sorted, two-space indent, one entry per key, a final newline (stable diffs). */
export function serialiseMemory(entries: MemoryEntries): string {
  const sorted: MemoryEntries = {};
  for (const key of Object.keys(entries).sort()) sorted[key] = ordered(entries[key]!);
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** An entry with its fields in the fixed order, empty optional ones left out. */
function ordered(e: MemoryEntry): MemoryEntry {
  const out: MemoryEntry = { source: e.source, target: e.target, status: e.status };
  for (const f of EXTRA_FIELDS) {
    const v = e[f];
    if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    (out as unknown as Record<string, unknown>)[f] = v;
  }
  return out;
}

/**
 * The translation memory of one document: an i18next instance whose English
 * resources are the document's namespace and the shared one, looked up in
 * that order (the product's fixed choice: memory look-ups go through
 * i18next), plus token lists for fuzzy matching.
 */
export interface Memory {
  slug: string;
  i18n: i18n;
  /** The entries per namespace, as loaded (read-only). */
  namespaces: Readonly<Record<string, MemoryEntries>>;
  /** Token lists of the entries' sources, "ns:key" → tokens, filled on first fuzzy look-up. */
  tokenCache: Map<string, string[]>;
}

/** Build a Memory for `slug` from its own and the shared entries. */
export function createMemory(slug: string, own: MemoryEntries, shared: MemoryEntries): Memory {
  if (slug === SHARED_NS) throw new TypeError(`Expected a document slug other than "${SHARED_NS}"`);
  const inst = i18next.createInstance();
  void inst.init({
    lng: "en",
    fallbackLng: false,
    ns: [slug, SHARED_NS],
    defaultNS: slug,
    resources: { en: { [slug]: structuredClone(own), [SHARED_NS]: structuredClone(shared) } },
    initAsync: false,
    keySeparator: false,
    nsSeparator: false,
    returnObjects: true,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  } as Parameters<typeof inst.init>[0]);
  return { slug, i18n: inst, namespaces: { [slug]: own, [SHARED_NS]: shared }, tokenCache: new Map() };
}

/** What the memory holds for a segment. */
export type MemoryMatch =
  | { kind: "exact"; key: string; ns: string; entry: MemoryEntry }
  | { kind: "fuzzy" | "stale"; key: string; ns: string; entry: MemoryEntry; score: number }
  | { kind: "none" };

/** The fuzzy threshold: candidates at least this similar are offered (and flagged), never used. */
export const FUZZY_THRESHOLD = 0.85;

/**
 * Look up one segment: the exact entry through i18next (document namespace
 * first, then shared); failing that, the closest entry at least
 * FUZZY_THRESHOLD similar. A close entry of the document's own namespace
 * whose source no longer occurs in the document (`liveKeys`) was made for an
 * earlier version of this sentence: it is "stale"; any other close entry is
 * "fuzzy".
 */
export function lookup(memory: Memory, key: string, text: string, liveKeys: ReadonlySet<string>): MemoryMatch {
  for (const ns of [memory.slug, SHARED_NS]) {
    const value = memory.i18n.t(key, { ns, lng: "en", returnObjects: true, skipInterpolation: true, defaultValue: null }) as unknown;
    if (isEntry(value) && normaliseSegmentText(value.source) === normaliseSegmentText(text)) return { kind: "exact", key, ns, entry: value };
  }
  const mine = tokens(text);
  let best: MemoryMatch = { kind: "none" };
  let bestScore = 0;
  for (const ns of [memory.slug, SHARED_NS]) {
    for (const [k, entry] of Object.entries(memory.namespaces[ns] ?? {})) {
      if (k === key) continue;
      let theirs = memory.tokenCache.get(`${ns}:${k}`);
      if (!theirs) memory.tokenCache.set(`${ns}:${k}`, (theirs = tokens(entry.source)));
      if (similarityBound(mine, theirs) < FUZZY_THRESHOLD) continue;
      const score = similarity(mine, theirs);
      if (score >= FUZZY_THRESHOLD && score > bestScore) {
        bestScore = score;
        const kind = ns === memory.slug && !liveKeys.has(k) ? "stale" : "fuzzy";
        best = { kind, key: k, ns, entry, score };
      }
    }
  }
  return best;
}

function isEntry(v: unknown): v is MemoryEntry {
  return typeof v === "object" && v !== null && typeof (v as MemoryEntry).source === "string" && typeof (v as MemoryEntry).target === "string";
}

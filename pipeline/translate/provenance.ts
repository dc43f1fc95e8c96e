import { changedSinceReview, type EntryOrigin, type EntryStatus, type MemoryEntries, type MemoryEntry } from "./memory.ts";

/** Who did an import, and when: the XLIFF import's --translator/--reviser/--date or the file's tw: attributes. */
export interface ImportStamp {
  translator?: string;
  reviser?: string;
  /** YYYY-MM-DD */
  date: string;
  origin: EntryOrigin;
}

/**
 * The entry an import makes of an old one (or none) and a returned target:
 * a new or changed target is the translator's of that date (the reviser's
 * edits during a review leave the translator as it was); a unit returned as
 * reviewed is the reviser's review of that date. A changed target drops the
 * accepted exceptions (they were judged on the old text); the note stays.
 */
export function stampEntry(old: MemoryEntry | undefined, next: { source: string; target: string; status: EntryStatus }, stamp: ImportStamp): MemoryEntry {
  const changed = !old || old.target !== next.target;
  const out: MemoryEntry = { ...(old ?? {}), source: next.source, target: next.target, status: next.status };
  if (changed) {
    delete out.accepted;
    out.origin = stamp.origin;
    if (next.status === "reviewed" && old) {
      // revised while reviewing: the translation stays the translator's
      out.translator = old.translator ?? stamp.translator ?? "unknown";
    } else out.translator = stamp.translator ?? old?.translator ?? "unknown";
    out.translated = stamp.date;
  }
  if (next.status === "reviewed" && stamp.reviser) {
    out.reviser = stamp.reviser;
    out.reviewed = stamp.date;
  }
  return out;
}

/**
 * Provenance for an entry made before provenance was recorded: origin
 * "legacy", translator (and reviser) "unknown" (the record names nobody), and
 * for a reviewed entry the review date `date` (the date of the commit that
 * last changed its target). Entries that already have provenance are kept.
 */
export function legacyProvenance(e: MemoryEntry, date: string): MemoryEntry {
  if (e.origin) return e;
  const out: MemoryEntry = { ...e, origin: "legacy", translator: e.translator ?? "unknown", translated: e.translated ?? date };
  if (e.status === "reviewed") {
    out.reviser = e.reviser ?? "unknown";
    out.reviewed = e.reviewed ?? date;
  }
  return out;
}

/** Who reviewed (or translated) how many entries, and when. */
export interface PersonCount {
  name: string;
  entries: number;
  first?: string;
  last?: string;
}

/** The provenance of a set of entries, for `translate status`. */
export interface ProvenanceSummary {
  entries: number;
  revisers: PersonCount[];
  translators: PersonCount[];
  /** Target written, or status lowered, after the last review. */
  changedSinceReview: string[];
  /** Never reviewed (status below reviewed and no review date). */
  unreviewed: string[];
  /** Without translator or date. */
  missing: string[];
}

/** Summarise the provenance of entries (keys → entries, as "ns:key"). */
export function summariseProvenance(entries: Readonly<Record<string, MemoryEntry>>): ProvenanceSummary {
  const people = (pick: (e: MemoryEntry) => [string | undefined, string | undefined]) => {
    const m = new Map<string, PersonCount>();
    for (const e of Object.values(entries)) {
      const [name, date] = pick(e);
      if (!name) continue;
      const p = m.get(name) ?? { name, entries: 0 };
      p.entries++;
      if (date && (!p.first || date < p.first)) p.first = date;
      if (date && (!p.last || date > p.last)) p.last = date;
      m.set(name, p);
    }
    return [...m.values()].sort((a, b) => b.entries - a.entries || a.name.localeCompare(b.name));
  };
  const keys = Object.keys(entries).sort();
  return {
    entries: keys.length,
    revisers: people((e) => [e.reviser, e.reviewed]),
    translators: people((e) => [e.translator, e.translated]),
    changedSinceReview: keys.filter((k) => changedSinceReview(entries[k]!)),
    unreviewed: keys.filter((k) => !entries[k]!.reviewed && entries[k]!.status !== "reviewed"),
    missing: keys.filter((k) => !entries[k]!.translator || !(entries[k]!.translated ?? entries[k]!.reviewed)),
  };
}

/** "unknown ×387 (2026-11-23)": one person's count and dates. */
export function formatPeople(people: readonly PersonCount[]): string {
  if (people.length === 0) return "nobody";
  return people.map((p) => `${p.name} ×${p.entries}${p.first ? ` (${p.first === p.last ? p.first : `${p.first} – ${p.last}`})` : ""}`).join(", ");
}

/** Apply legacyProvenance to every entry of a namespace, with each entry's own date. */
export function migrateNamespace(entries: MemoryEntries, dateOf: (key: string) => string): { entries: MemoryEntries; migrated: number } {
  const out: MemoryEntries = {};
  let migrated = 0;
  for (const [k, e] of Object.entries(entries)) {
    out[k] = legacyProvenance(e, dateOf(k));
    if (out[k] !== e) migrated++;
  }
  return { entries: out, migrated };
}

/**
 * The Tweeluik document model: the one contract between pipeline stages.
 * See spec.md beside this file for the meaning of every node.
 *
 * Readers produce a RawSource; the normaliser turns it into a Document at
 * stage "normalised"; the translator produces a Document at stage
 * "translated". Writers accept only a RenderableDocument, so a document that
 * skipped a stage does not type-check.
 */

/** Where a node came from: the source file, its 1-based line(s) and page. */
export interface Position {
  file: string;
  line: number;
  endLine?: number;
  page?: number;
}

export type Lang = "nl" | "en";
export const LANGS: readonly Lang[] = ["nl", "en"] as const;

export type Kind = "minutes" | "advice" | "magazine" | "report";
export const KINDS: readonly Kind[] = ["minutes", "advice", "magazine", "report"] as const;

// ---------------------------------------------------------------- inlines

export interface Text {
  type: "text";
  value: string;
}
export interface Emphasis {
  type: "emphasis";
  children: Inline[];
}
export interface Strong {
  type: "strong";
  children: Inline[];
}
export interface Link {
  type: "link";
  url: string;
  children: Inline[];
}
/** A reference to a footnote in Document.notes (by id). */
export interface NoteRef {
  type: "noteRef";
  id: string;
}
/**
 * Text in another language than the document's. The translator wraps a
 * segment that has no translation yet in a Foreign node with
 * reason "untranslated", and writers show it visibly marked.
 */
export interface Foreign {
  type: "foreign";
  lang: Lang;
  reason: "untranslated" | "quotation" | "name";
  children: Inline[];
}

export type Inline = Text | Emphasis | Strong | Link | NoteRef | Foreign;

// ---------------------------------------------------------------- blocks

interface BlockBase {
  position: Position;
}

export interface Heading extends BlockBase {
  type: "heading";
  /** 1 = chapter/article title, 2 = section, 3 = subsection (run-in headings). */
  depth: 1 | 2 | 3;
  /** The section number as printed in the source ("5.1", "2"), if any. */
  number?: string;
  /** A stable anchor, unique within the document. */
  id: string;
  children: Inline[];
}

export interface Paragraph extends BlockBase {
  type: "paragraph";
  children: Inline[];
}

export interface ListItem extends BlockBase {
  type: "listItem";
  children: Block[];
}

export interface List extends BlockBase {
  type: "list";
  ordered: boolean;
  /** First number of an ordered list. */
  start?: number;
  children: ListItem[];
}

/** A set-apart box: info block, CV box, sidebar. */
export interface Box extends BlockBase {
  type: "box";
  kind: "info" | "cv" | "sidebar";
  title?: Inline[];
  children: Block[];
}

/** A quotation set apart: a magazine pull quote or a block quotation. */
export interface Quote extends BlockBase {
  type: "quote";
  kind: "pull" | "block";
  children: Inline[];
}

/** A caption of an image that is not part of the text edition. */
export interface Caption extends BlockBase {
  type: "caption";
  children: Inline[];
}

/**
 * A magazine article: its display parts (kicker, lead, byline) are kept
 * apart from its body so templates can set them as such.
 */
export interface Article extends BlockBase {
  type: "article";
  id: string;
  kicker?: Inline[];
  title: Inline[];
  lead?: Inline[];
  byline?: Inline[];
  children: Block[];
}

export type Block = Heading | Paragraph | List | ListItem | Box | Quote | Caption | Article;
/** Blocks that can stand at the top level or inside a container. */
export type FlowBlock = Exclude<Block, ListItem>;

/** A footnote: referenced from the text by NoteRef with the same id. */
export interface Note {
  type: "note";
  id: string;
  /** The number or mark printed in the source. */
  label: string;
  position: Position;
  children: Inline[];
}

// ---------------------------------------------------------------- metadata

export interface MinutesMeta {
  meeting?: string;
  meetingNumber?: string;
  datetime?: string;
  place?: string;
  present?: string[];
  guests?: string[];
  rapporteurs?: string[];
  secretariat?: string[];
}

export interface Meta {
  slug: string;
  kind: Kind;
  /** Title in the document's language. */
  title: string;
  titles: Record<Lang, string>;
  subtitle?: string;
  /**
   * ISO 8601 date at the precision the source gives: YYYY-MM-DD, or YYYY-MM /
   * YYYY when no day is printed (then dateNote says how it was inferred).
   * Use fullDate() from pipeline/i18n/ui.ts where a whole day is required.
   */
  date: string;
  /** Set when the date was inferred from the text rather than printed as such. */
  dateNote?: string;
  publisher: string;
  author?: string;
  /** Document number where the source has one (e.g. R3026). */
  number?: string;
  description?: string;
  keywords?: string[];
  minutes?: MinutesMeta;
}

// ---------------------------------------------------------------- diagnostics

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  severity: Severity;
  /** Stage-prefixed code, e.g. "normalise:ambiguous-hyphen". */
  code: string;
  message: string;
  position?: Position;
}

// ---------------------------------------------------------------- documents

export type Stage = "normalised" | "translated";

export interface DocumentOf<S extends Stage> {
  type: "document";
  stage: S;
  lang: Lang;
  meta: Meta;
  children: FlowBlock[];
  notes: Note[];
  diagnostics: Diagnostic[];
}

export type NormalisedDocument = DocumentOf<"normalised"> & { lang: "nl" };
export type TranslatedDocument = DocumentOf<"translated">;
/** What writers accept: the Dutch normalised edition or a translated one. */
export type RenderableDocument = NormalisedDocument | TranslatedDocument;

// ---------------------------------------------------------------- raw source

/** One physical line of the source as read from disk. */
export interface SourceLine {
  /** 1-based line number in the file. */
  line: number;
  /** 1-based page number: certain with form feeds, a guess with lead spaces (the normaliser refines it). */
  page: number;
  /** The first line of text on a new page (by the reader's convention). */
  pageStart?: boolean;
  text: string;
  /** In a physical-layout extraction: the spaces before the text beyond its column's edge (read/physical.ts). */
  indent?: number;
}

/** How an extraction marks its pages (read/read-source.ts detectConvention). */
export type PageConvention = "form-feed" | "inferred" | "lead-space" | "plain";

export interface RawSource {
  file: string;
  slug: string;
  /** Absent in hand-made sources: then treated as "lead-space". */
  convention?: PageConvention;
  /** "physical": the extraction set the page's layout in spaces (`pdftotext -layout`); the reader unfolded it. */
  layout?: "physical";
  lines: SourceLine[];
}

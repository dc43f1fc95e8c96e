/**
 * The part of the Pandoc JSON AST (pandoc-types 1.22, the API of pandoc
 * 2.17) that the EPUB writer produces. Shapes follow Text.Pandoc.Definition's
 * aeson encoding: `{ t: constructor, c: contents }`.
 */

export const PANDOC_API_VERSION = [1, 22] as const;

/** [identifier, classes, key-value pairs] */
export type Attr = [string, string[], [string, string][]];

export type Inline =
  | { t: "Str"; c: string }
  | { t: "Space" }
  | { t: "SoftBreak" }
  | { t: "LineBreak" }
  | { t: "Emph"; c: Inline[] }
  | { t: "Strong"; c: Inline[] }
  | { t: "Link"; c: [Attr, Inline[], [string, string]] }
  | { t: "Span"; c: [Attr, Inline[]] }
  | { t: "Note"; c: Block[] };

export type ListNumberStyle = { t: "Decimal" } | { t: "DefaultStyle" };
export type ListNumberDelim = { t: "Period" } | { t: "DefaultDelim" };

export type Block =
  | { t: "Plain"; c: Inline[] }
  | { t: "Para"; c: Inline[] }
  | { t: "Header"; c: [number, Attr, Inline[]] }
  | { t: "BulletList"; c: Block[][] }
  | { t: "OrderedList"; c: [[number, ListNumberStyle, ListNumberDelim], Block[][]] }
  | { t: "DefinitionList"; c: [Inline[], Block[][]][] }
  | { t: "BlockQuote"; c: Block[] }
  | { t: "Div"; c: [Attr, Block[]] }
  | { t: "RawBlock"; c: [string, string] };

export type MetaValue =
  | { t: "MetaString"; c: string }
  | { t: "MetaInlines"; c: Inline[] }
  | { t: "MetaBool"; c: boolean }
  | { t: "MetaList"; c: MetaValue[] }
  | { t: "MetaMap"; c: Record<string, MetaValue> };

export interface PandocDocument {
  "pandoc-api-version": readonly number[];
  meta: Record<string, MetaValue>;
  blocks: Block[];
}

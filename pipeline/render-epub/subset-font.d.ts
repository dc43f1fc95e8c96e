// The part of subset-font 2 (no bundled types) that the EPUB font subsetting
// (render-epub/subset-fonts.ts) and the catalogue page (publish/catalog.ts) use.
declare module "subset-font" {
  export interface SubsetFontOptions {
    targetFormat?: "sfnt" | "truetype" | "woff" | "woff2";
    /** Name IDs kept besides harfbuzz's default (0–6). */
    preserveNameIds?: number[];
    /** OpenType layout features kept (default: all). */
    keepFeatures?: string[];
    noLayoutClosure?: boolean;
    noHinting?: boolean;
    dropTables?: string[];
  }
  export default function subsetFont(font: Buffer, text: string, options?: SubsetFontOptions): Promise<Buffer>;
}

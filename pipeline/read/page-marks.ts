/**
 * What marks a printed page rather than its text, shared by the readers and the normaliser.
 */

/**
 * A roman numeral up to 399, as the pages before the text are numbered ("iii"); lower or upper
 * case as the flags of the expression it is put in say. A word of those letters that is no
 * numeral ("civil") does not match.
 */
export const ROMAN = String.raw`(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})`;

/** A printed table of contents' heading. */
export const CONTENTS_HEAD = /^(?:inhoud(?:sopgave|stafel)?|contents|table of contents)$/i;

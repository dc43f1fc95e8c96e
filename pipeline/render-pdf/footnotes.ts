/**
 * Footnotes at the foot of the page their reference lands on, decided while
 * the pages are filled, as LaTeX does: react-pdf's paginator (patched, see
 * patches/@react-pdf+paginate*, patches/@react-pdf+layout*) shows the body
 * page's `settle` what would land on each page before it keeps it, and may
 * fill the page again at another height. The settler sets the notes of the
 * references it sees at the page's foot (the chrome, templates/pdf/house.tsx,
 * reads them from `byPage`), and the page is filled again in the smaller
 * region that leaves, until what lands on the page and the notes below it
 * agree. One layout pass places every note; before, each pass placed the
 * notes where the previous pass had put their references, and a long
 * document took seven or eight passes to settle.
 *
 * Where setting a note pushes the line with its reference on to the next
 * page, the note goes with its reference, and its space stays free at the
 * foot of the first page, which then runs short (as in LaTeX when a note
 * cannot be split). A page gives up at most `maxHeld` points that way; past
 * that, the note goes on the next page on its own and its reference stays.
 */
import { inSourceOrder, noteAnchor, noteHome, type NotePlan } from "../../templates/pdf/context.ts";
import type { LayoutNode } from "./layout-positions.ts";

/** How often one page is filled at most; the last fill is kept. */
const MAX_FILLS = 12;

export class FootnoteSettler {
  /** Note ids at the foot of each page of the round being laid out, in reading order. */
  readonly byPage = new Map<number, string[]>();
  /** Notes set on the pages before the one being filled. */
  private readonly set = new Set<string>();
  /** The page being filled. */
  private page = 0;
  private fills = 0;
  /** Notes carried to this page from the one before (deferred), set first. */
  private carried: string[] = [];
  /** The new references on the page when it was filled with only the carried notes. */
  private refs: string[] = [];
  /** How many of `refs` have their notes set now. */
  private noted = 0;
  /** Whether notes are being added one at a time (setting them all pushed references off). */
  private adding = false;
  /** The flow region's height before the last change of notes. */
  private before = 0;
  /** Whether the height the page is filled at next is the region's as measured with its notes now. */
  private measured = true;
  /** The flow region's height by page and the notes at its foot, as measured. */
  private readonly regions = new Map<string, number>();
  /**
   * After the note added last pushed its own reference off: the height the
   * page was filled at with it, and the height and notes without it.
   */
  private hold?: { height: number; without: number; noted: number };

  constructor(
    private readonly plan: NotePlan,
    private readonly maxHeld: number,
  ) {}

  /**
   * The body page's `settle`: `nodes` would land on page `pageNumber` in a
   * flow region `height` high. Returns true to measure the region again
   * (the notes below it changed), a height to fill the page at instead, or
   * false to keep the page.
   *
   * The page is filled first with only the notes carried to it, then with
   * the notes of every new reference on it. Where those notes push some of
   * the references off, the page takes the notes of the references that
   * stayed, then one more at a time, as long as each reference stays with
   * its note: the first note that would push its own reference off goes
   * with it to the next page, its space held free here (or, past `maxHeld`,
   * the note goes alone and the reference stays).
   */
  readonly settle = ({ pageNumber }: { pageNumber: number }, nodes: LayoutNode[], height: number): boolean | number => {
    this.notesOn(pageNumber);
    if (pageNumber !== this.page) {
      this.page = pageNumber;
      this.fills = 0;
      this.carried = this.byPage.get(pageNumber) ?? [];
      this.adding = false;
      this.hold = undefined;
      this.measured = true;
    }
    // (the region of a page with the same notes is as high in every round and pass)
    if (this.measured) this.regions.set(this.regionKey(), height);
    const refs = this.newReferences(nodes);
    if (++this.fills >= MAX_FILLS) return this.keep(refs);
    if (this.fills === 1) {
      if (refs.length === 0) return this.keep(refs);
      this.refs = refs;
      return this.note(refs.length, height);
    }
    if (this.hold) {
      // The region with only the notes of the references that stayed: hold the others' space
      // free (fill the page as it was with the last note), unless that is more than a page gives.
      const { height: held, without, noted } = this.hold;
      this.hold = undefined;
      this.fills = MAX_FILLS - 1;
      const holds = height - held <= this.maxHeld;
      if (!holds) this.note(noted, without);
      this.measured = false;
      return holds ? held : without;
    }
    const stayed = commonPrefix(refs, this.refs);
    // Every reference on the page has its note there, and every note its reference.
    if (stayed === this.noted && refs.length === this.noted) return this.keep(refs);
    if (stayed < this.noted) {
      // Setting all the notes pushed references off: start from those that stayed.
      if (!this.adding) {
        this.adding = true;
        return this.note(stayed, height);
      }
      // The note added last pushed its own reference off: it goes to the next page with it,
      // and so do the others its space pushed off (see above), or it goes alone.
      this.hold = { height, without: this.before, noted: this.noted - 1 };
      return this.note(stayed, height);
    }
    // A reference on the page whose note is not set: add the next note.
    if (stayed === this.noted) this.refs = refs; // (the references came in another order)
    this.adding = true;
    return this.note(this.noted + 1, height);
  };

  /**
   * The notes at the foot of `page`, for the page's chrome. Pages are laid
   * out in order; a page before the last one seen starts a new round of
   * pagination (react-pdf paginates twice when the chrome shows the number
   * of pages), and every round that fills the pages places the notes afresh.
   * A round that only builds the pages again around what landed on them
   * (`replay`, patches/@react-pdf+layout*) keeps the notes placed before.
   */
  readonly notesOn = (page: number, replay = false): readonly string[] => {
    if (page < this.page && !replay) {
      this.byPage.clear();
      this.set.clear();
      this.page = 0;
    }
    return this.byPage.get(page) ?? [];
  };

  /** Every note the text refers to that no page set (its reference was on the last page, its note deferred). */
  unset(): string[] {
    return [...this.plan.referenced].filter((id) => !this.set.has(id));
  }

  /**
   * Sets the notes of the first `n` new references on the page, leaving a
   * region `height` high: the region is measured again (true), or its height
   * is known from an earlier round.
   */
  private note(n: number, height: number): true | number {
    this.noted = n;
    this.before = height;
    this.byPage.set(this.page, [...this.carried, ...this.refs.slice(0, n)]);
    const known = this.regions.get(this.regionKey());
    this.measured = known === undefined;
    return known ?? true;
  }

  private regionKey(): string {
    return `${this.page}:${(this.byPage.get(this.page) ?? []).join(" ")}`;
  }

  /**
   * Keeps the page, with `refs` its new references: its notes are set; a reference on it whose
   * note is not goes to the next page's foot.
   */
  private keep(refs: readonly string[]): false {
    const notes = this.byPage.get(this.page) ?? [];
    if (notes.length === 0) this.byPage.delete(this.page);
    for (const id of notes) this.set.add(id);
    const deferred = refs.filter((id) => !notes.includes(id));
    if (deferred.length > 0) this.byPage.set(this.page + 1, deferred);
    return false;
  }

  /**
   * The notes first referred to in `nodes` (no earlier page set them), in
   * reading order; a note nothing refers to counts as referenced where the
   * block it belongs with ends, among the others by source line.
   */
  private newReferences(nodes: LayoutNode[]): string[] {
    const refs: string[] = [];
    const homes: string[] = [];
    const fresh = (id: string) => !this.set.has(id) && !this.carried.includes(id) && !refs.includes(id) && !homes.includes(id);
    const visit = (node: LayoutNode): void => {
      const id = node.props?.id;
      if (typeof id === "string" && id.startsWith(noteHome(""))) {
        const note = id.slice(noteHome("").length);
        if (fresh(note)) homes.push(note);
      }
      for (const line of node.lines ?? [])
        for (const run of line.runs ?? []) {
          const link = run.attributes?.link;
          if (typeof link !== "string" || !link.startsWith(`#${noteAnchor("")}`)) continue;
          const note = link.slice(noteAnchor("").length + 1);
          // Only references in the text place a note, not a link inside another note.
          if (this.plan.referenced.has(note) && fresh(note)) refs.push(note);
        }
      for (const child of node.children ?? []) visit(child);
    };
    for (const node of nodes) visit(node);
    return homes.length ? inSourceOrder(refs, homes, this.plan.lines) : refs;
  }
}

/** How many items `a` and `b` share from the start. */
function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

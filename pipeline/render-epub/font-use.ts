import { SaxesParser } from "saxes";

/**
 * Which embedded font face sets which characters in an EPUB: the EPUB's own
 * stylesheets (@font-face rules and the font properties of every rule)
 * applied to its content documents the way a browser engine does it, i.e.
 * selector matching, specificity, source order, inheritance, the HTML user
 * agent defaults for font weight and style, text-transform, generated
 * content (::before/::after with strings and attr()) and list markers.
 * Then CSS font matching (CSS Fonts 4, §5.2) picks the face of the family
 * for each weight and style. The subsetter keeps exactly those characters
 * in each face and drops the faces nothing uses.
 *
 * Only the CSS the house stylesheet uses is understood (type, class, id and
 * attribute selectors; :first-child, :last-child; ::before, ::after,
 * ::marker; descendant, child and sibling combinators; @media blocks, whose
 * rules count as applying). Anything else throws (plain Error, naming the
 * stylesheet and the selector or value), because a guess could leave a
 * character without its glyph.
 */

/** One @font-face rule: the zip entry it loads and what it is. */
export interface FontFace {
  family: string;
  weight: number;
  style: "normal" | "italic";
  /** The font's entry name in the EPUB zip, e.g. "EPUB/fonts/SourceSerif4_400Regular.ttf". */
  entry: string;
  /** The stylesheet (zip entry) that declares it. */
  stylesheet: string;
}

export interface FontUse {
  faces: FontFace[];
  /** Characters set in each face, keyed by the face's zip entry. Faces nothing uses have an empty set. */
  chars: Map<string, Set<string>>;
  /** Characters set in a family the EPUB embeds no face of (a generic or system family), by family. */
  unembedded: Map<string, Set<string>>;
}

/** Characters every used face keeps whatever the text: the space, and the hyphens a reading system may break words with. */
export const ALWAYS = [" ", "-", "\u2010", "\u00ad"];

/**
 * Work out which characters each embedded face sets, from the zip's entries
 * (name → text of every .xhtml and .css file is enough).
 */
export function fontUse(files: Record<string, string>): FontUse {
  const sheets = new Map<string, Sheet>();
  const sheet = (name: string): Sheet => {
    let s = sheets.get(name);
    if (!s) {
      const css = files[name];
      if (css === undefined) throw new Error(`the stylesheet ${name} is not in the EPUB`);
      s = parseSheet(css, name);
      sheets.set(name, s);
    }
    return s;
  };

  const faces: FontFace[] = [];
  const chars = new Map<string, Set<string>>();
  const unembedded = new Map<string, Set<string>>();
  const docs = Object.keys(files).filter((n) => n.endsWith(".xhtml")).sort();

  // Every stylesheet's faces count, also of stylesheets no page links (they are then unused).
  for (const name of Object.keys(files).filter((n) => n.endsWith(".css")).sort()) {
    for (const f of sheet(name).faces) {
      faces.push(f);
      chars.set(f.entry, new Set());
    }
  }

  for (const name of docs) {
    const root = parseXhtml(files[name]!, name);
    const rules: Rule[] = [...UA_RULES];
    const docFaces: FontFace[] = [];
    for (const link of linkedSheets(root, name)) {
      const s = sheet(link.name);
      rules.push(...s.rules);
      docFaces.push(...s.faces);
    }
    for (const inline of root.descendants().filter((e) => e.name === "style")) {
      const s = parseSheet(inline.text(), name, name);
      rules.push(...s.rules);
      for (const f of s.faces) {
        faces.push(f);
        chars.set(f.entry, new Set());
        docFaces.push(f);
      }
    }
    const body = root.children.find((c): c is El => c instanceof El && c.name === "body");
    if (!body) continue;
    const add = (style: Computed, text: string) => {
      const shown = transform(text, style.textTransform);
      if (shown === "") return;
      const face = matchFace(docFaces, style);
      const set = face ? chars.get(face.entry)! : getOrSet(unembedded, style.family[0] ?? "?");
      for (const c of shown) if (c !== "\n" && c !== "\r" && c !== "\t") set.add(c);
      if (face) for (const c of ALWAYS) set.add(c);
    };
    walk(body, rootStyle(), rules, add);
  }
  return { faces, chars, unembedded };
}

function getOrSet<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  return s;
}

// ---------------------------------------------------------------- the document tree

class El {
  readonly children: (El | string)[] = [];
  constructor(
    readonly name: string,
    readonly attrs: Record<string, string>,
    readonly parent: El | null,
  ) {}
  get classes(): string[] {
    return (this.attrs["class"] ?? "").split(/\s+/).filter(Boolean);
  }
  elements(): El[] {
    return this.children.filter((c): c is El => c instanceof El);
  }
  descendants(): El[] {
    const out: El[] = [];
    for (const c of this.elements()) out.push(c, ...c.descendants());
    return out;
  }
  text(): string {
    return this.children.map((c) => (c instanceof El ? c.text() : c)).join("");
  }
}

function parseXhtml(xml: string, name: string): El {
  const parser = new SaxesParser({ xmlns: true });
  const doc = new El("#document", {}, null);
  let cur = doc;
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attrs[(a as { name: string }).name] = (a as { value: string }).value;
    const el = new El(tag.local ?? tag.name, attrs, cur);
    cur.children.push(el);
    cur = el;
  });
  parser.on("closetag", () => {
    cur = cur.parent ?? doc;
  });
  parser.on("text", (t) => cur.children.push(t));
  parser.on("cdata", (t) => cur.children.push(t));
  try {
    parser.write(xml).close();
  } catch (cause) {
    throw new Error(`${name} is not well-formed XHTML: ${(cause as Error).message}`);
  }
  const html = doc.elements()[0];
  if (!html) throw new Error(`${name} has no root element`);
  return html;
}

function linkedSheets(root: El, doc: string): { name: string }[] {
  const head = root.elements().find((e) => e.name === "head");
  return (head?.elements() ?? [])
    .filter((e) => e.name === "link" && /(^|\s)stylesheet(\s|$)/i.test(e.attrs["rel"] ?? "") && e.attrs["href"])
    .map((e) => ({ name: resolveEntry(doc, e.attrs["href"]!) }));
}

/** A relative URL resolved against the zip entry it appears in. */
export function resolveEntry(base: string, href: string): string {
  const parts = base.split("/").slice(0, -1);
  for (const seg of decodeURIComponent(href.replace(/[?#].*$/, "")).split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

// ---------------------------------------------------------------- the stylesheet

type Prop = "font-family" | "font-weight" | "font-style" | "text-transform" | "content" | "list-style-type";
const PROPS: readonly Prop[] = ["font-family", "font-weight", "font-style", "text-transform", "content", "list-style-type"];
/** Properties that change which glyphs are drawn but that this module does not model. */
const UNSUPPORTED = ["font", "font-variant", "font-variant-caps", "font-feature-settings", "font-synthesis", "quotes", "counter-reset", "counter-increment"];

type Combinator = " " | ">" | "+" | "~";
interface Compound {
  tag?: string;
  ids: string[];
  classes: string[];
  attrs: { name: string; value?: string }[];
  pseudoClasses: ("first-child" | "last-child")[];
}
interface Selector {
  /** Rightmost compound first, each with the combinator to its left-hand neighbour. */
  parts: { compound: Compound; combinator?: Combinator }[];
  pseudoElement?: "before" | "after" | "marker";
  specificity: number;
}
interface Rule {
  selector: Selector;
  decls: Partial<Record<Prop, string>>;
  /** 0: user agent, 1: author. */
  origin: number;
  order: number;
}
interface Sheet {
  faces: FontFace[];
  rules: Rule[];
}

let ruleOrder = 0;

function parseSheet(cssText: string, name: string, base = name): Sheet {
  const css = cssText.replace(/\/\*[\s\S]*?\*\//g, "");
  const faces: FontFace[] = [];
  const rules: Rule[] = [];
  const walkBlock = (text: string) => {
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf("{", i);
      if (open < 0) {
        if (text.slice(i).trim() !== "") throw new Error(`${name}: cannot read "${text.slice(i).trim().slice(0, 40)}"`);
        return;
      }
      const prelude = text.slice(i, open).trim();
      const close = matchingBrace(text, open, name);
      const body = text.slice(open + 1, close);
      i = close + 1;
      if (/^@font-face$/i.test(prelude)) faces.push(fontFace(declarations(body, name), name, base));
      else if (/^@media\b/i.test(prelude)) walkBlock(body);
      else if (prelude.startsWith("@")) throw new Error(`${name}: the at-rule "${prelude}" is not understood by the font subsetter`);
      else {
        const decls = declarations(body, name);
        const font: Partial<Record<Prop, string>> = {};
        for (const [p, v] of decls) {
          if (UNSUPPORTED.includes(p)) throw new Error(`${name}: "${p}" (in "${prelude}") is not understood by the font subsetter`);
          if (p === "list-style") {
            const type = /\b(none|disc|circle|square|decimal|lower-alpha|upper-alpha|lower-roman|upper-roman)\b/.exec(v)?.[1];
            if (type) font["list-style-type"] = type;
          } else if ((PROPS as readonly string[]).includes(p)) font[p as Prop] = v;
        }
        if (Object.keys(font).length === 0) continue;
        const order = ruleOrder++;
        for (const sel of splitTop(prelude, ",")) rules.push({ selector: parseSelector(sel.trim(), name), decls: font, origin: 1, order });
      }
    }
  };
  walkBlock(css);
  return { faces, rules };
}

function matchingBrace(text: string, open: number, name: string): number {
  let depth = 0;
  let quote = "";
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  throw new Error(`${name}: unbalanced braces`);
}

/** Split on a separator outside quotes and brackets. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function declarations(body: string, name: string): [string, string][] {
  const out: [string, string][] = [];
  for (const d of splitTop(body, ";")) {
    if (d.trim() === "") continue;
    const colon = d.indexOf(":");
    if (colon < 0) throw new Error(`${name}: cannot read the declaration "${d.trim()}"`);
    const prop = d.slice(0, colon).trim().toLowerCase();
    const value = d.slice(colon + 1).trim();
    if (/!\s*important$/i.test(value) && ["font-family", "font-weight", "font-style", "text-transform", "content"].includes(prop)) {
      throw new Error(`${name}: "!important" on ${prop} is not understood by the font subsetter`);
    }
    out.push([prop, value]);
  }
  return out;
}

function fontFace(decls: [string, string][], name: string, base: string): FontFace {
  const get = (p: string) => decls.find(([k]) => k === p)?.[1];
  const family = families(get("font-family") ?? "")[0];
  const src = get("src") ?? "";
  const urls = [...src.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
  if (!family || urls.length !== 1) throw new Error(`${name}: an @font-face needs one font-family and one url() (got ${JSON.stringify(src)})`);
  const style = (get("font-style") ?? "normal").toLowerCase();
  if (style !== "normal" && style !== "italic") throw new Error(`${name}: @font-face font-style "${style}" is not understood by the font subsetter`);
  const weight = weightNumber(get("font-weight") ?? "normal", 400);
  if (weight === undefined) throw new Error(`${name}: @font-face font-weight "${get("font-weight")}" is not understood by the font subsetter`);
  return { family, weight, style, entry: resolveEntry(base, urls[0]!), stylesheet: name };
}

function families(value: string): string[] {
  return splitTop(value, ",")
    .map((f) => f.trim().replace(/^"(.*)"$|^'(.*)'$/, (_a, d?: string, s?: string) => d ?? s ?? ""))
    .filter(Boolean);
}

function parseSelector(text: string, name: string): Selector {
  const fail = () => new Error(`${name}: the selector "${text}" is not understood by the font subsetter`);
  const tokens = text.replace(/\s*([>+~])\s*/g, " $1 ").trim().split(/\s+/);
  const seq: { compound: Compound; combinator?: Combinator }[] = [];
  let pseudoElement: Selector["pseudoElement"];
  let combinator: Combinator | undefined;
  let a = 0;
  let b = 0;
  let c = 0;
  for (const tok of tokens) {
    if (tok === ">" || tok === "+" || tok === "~") {
      if (combinator || seq.length === 0) throw fail();
      combinator = tok;
      continue;
    }
    if (pseudoElement) throw fail();
    const compound: Compound = { ids: [], classes: [], attrs: [], pseudoClasses: [] };
    const re = /^(\*|[a-zA-Z][\w-]*)|#([\w-]+)|\.([\w-]+)|\[([\w:-]+)(?:="([^"]*)")?\]|::?(before|after|marker|first-child|last-child)|(.)/y;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let pos = 0;
    while (pos < tok.length && (m = re.exec(tok))) {
      if (m.index !== pos) throw fail();
      pos = re.lastIndex;
      if (m[7] !== undefined) throw fail();
      if (m[1] !== undefined) {
        if (m.index !== 0) throw fail();
        if (m[1] !== "*") {
          compound.tag = m[1].toLowerCase();
          c++;
        }
      } else if (m[2] !== undefined) {
        compound.ids.push(m[2]);
        a++;
      } else if (m[3] !== undefined) {
        compound.classes.push(m[3]);
        b++;
      } else if (m[4] !== undefined) {
        compound.attrs.push({ name: m[4], value: m[5] });
        b++;
      } else if (m[6] === "first-child" || m[6] === "last-child") {
        if (m[0].startsWith("::")) throw fail();
        compound.pseudoClasses.push(m[6]);
        b++;
      } else if (m[6] !== undefined) {
        pseudoElement = m[6] as Selector["pseudoElement"];
        c++;
      }
    }
    if (pos !== tok.length) throw fail();
    seq.push({ compound, combinator: seq.length === 0 ? undefined : (combinator ?? " ") });
    combinator = undefined;
  }
  if (combinator || seq.length === 0) throw fail();
  // Rightmost first; each part keeps the combinator that joins it to the part on its left.
  const parts = [...seq].reverse();
  return { parts, pseudoElement, specificity: a * 1_000_000 + b * 1_000 + c };
}

function matchesCompound(el: El, c: Compound): boolean {
  if (c.tag && el.name !== c.tag) return false;
  if (c.ids.length > 0 && c.ids.some((id) => el.attrs["id"] !== id)) return false;
  const classes = el.classes;
  if (c.classes.some((k) => !classes.includes(k))) return false;
  if (c.attrs.some((at) => (at.value === undefined ? el.attrs[at.name] === undefined : el.attrs[at.name] !== at.value))) return false;
  for (const p of c.pseudoClasses) {
    const siblings = el.parent?.elements() ?? [el];
    if (p === "first-child" && siblings[0] !== el) return false;
    if (p === "last-child" && siblings[siblings.length - 1] !== el) return false;
  }
  return true;
}

function matches(el: El, sel: Selector, i = 0): boolean {
  const part = sel.parts[i];
  if (!part) return true;
  if (!matchesCompound(el, part.compound)) return false;
  if (i + 1 >= sel.parts.length) return true;
  switch (part.combinator) {
    case ">":
      return el.parent !== null && el.parent.name !== "#document" && matches(el.parent, sel, i + 1);
    case " ": {
      for (let p = el.parent; p && p.name !== "#document"; p = p.parent) if (matches(p, sel, i + 1)) return true;
      return false;
    }
    case "+": {
      const sib = el.parent?.elements() ?? [];
      const prev = sib[sib.indexOf(el) - 1];
      return prev !== undefined && matches(prev, sel, i + 1);
    }
    case "~": {
      const sib = el.parent?.elements() ?? [];
      return sib.slice(0, sib.indexOf(el)).some((s) => matches(s, sel, i + 1));
    }
    case undefined:
      return true;
    default: {
      const never: never = part.combinator;
      throw new Error(`unknown combinator ${String(never)}`);
    }
  }
}

/** The HTML user agent defaults that concern fonts (HTML Living Standard, Rendering §15.3). */
const UA_RULES: Rule[] = [
  ["h1, h2, h3, h4, h5, h6, th", { "font-weight": "bold" }],
  ["b, strong", { "font-weight": "bolder" }],
  ["em, i, cite, dfn, var, address", { "font-style": "italic" }],
  ["code, kbd, samp, pre, tt", { "font-family": "monospace" }],
  ["ol, ul", { "list-style-type": "disc" }],
  ["ol", { "list-style-type": "decimal" }],
  ["ul ul, ol ul", { "list-style-type": "circle" }],
  ["ul ul ul, ol ul ul, ul ol ul, ol ol ul", { "list-style-type": "square" }],
].flatMap(([sel, decls], order) =>
  splitTop(sel as string, ",").map((s) => ({ selector: parseSelector(s.trim(), "user agent"), decls: decls as Rule["decls"], origin: 0, order })),
);

// ---------------------------------------------------------------- the cascade

interface Computed {
  family: string[];
  weight: number;
  style: "normal" | "italic";
  textTransform: string;
  listStyleType: string;
}

function rootStyle(): Computed {
  return { family: ["serif"], weight: 400, style: "normal", textTransform: "none", listStyleType: "disc" };
}

function cascade(el: El, rules: Rule[], pseudo: Selector["pseudoElement"]): Partial<Record<Prop, string>> {
  const hits = rules
    .filter((r) => r.selector.pseudoElement === pseudo && matches(el, r.selector))
    .sort((x, y) => x.origin - y.origin || x.selector.specificity - y.selector.specificity || x.order - y.order);
  const out: Partial<Record<Prop, string>> = {};
  for (const r of hits) Object.assign(out, r.decls);
  return out;
}

function compute(parent: Computed, d: Partial<Record<Prop, string>>): Computed {
  const s = { ...parent };
  const v = (p: Prop) => {
    const x = d[p]?.trim();
    return x === undefined || x === "inherit" || x === "unset" ? undefined : x;
  };
  const fam = v("font-family");
  if (fam) s.family = families(fam);
  const w = v("font-weight");
  if (w) {
    const n = weightNumber(w, parent.weight);
    if (n === undefined) throw new Error(`font-weight "${w}" is not understood by the font subsetter`);
    s.weight = n;
  }
  const st = v("font-style");
  if (st) s.style = st === "normal" || st === "initial" ? "normal" : "italic";
  const tt = v("text-transform");
  if (tt) s.textTransform = tt;
  const ls = v("list-style-type");
  if (ls) s.listStyleType = ls;
  return s;
}

/** A CSS font-weight as a number; bolder and lighter relative to the parent's (CSS Fonts 4 §2.2). */
function weightNumber(value: string, parent: number): number | undefined {
  const v = value.trim().toLowerCase();
  if (v === "normal" || v === "initial") return 400;
  if (v === "bold") return 700;
  if (v === "bolder") return parent < 350 ? 400 : parent < 550 ? 700 : 900;
  if (v === "lighter") return parent < 550 ? 100 : parent < 750 ? 400 : 700;
  return /^\d{1,3}$/.test(v) ? Number(v) : undefined;
}

function transform(text: string, tt: string): string {
  switch (tt) {
    case "uppercase":
      return text.toUpperCase();
    case "lowercase":
      return text.toLowerCase();
    case "capitalize":
      // Which letters a reading system capitalises depends on word boundaries: keep both cases.
      return text + text.toUpperCase();
    default:
      return text;
  }
}

/** The text `content` generates for an element (strings and attr(); counters as their digits). */
function generated(el: El, content: string | undefined): string {
  if (!content) return "";
  const v = content.trim();
  if (v === "none" || v === "normal" || v === '""' || v === "''") return "";
  let out = "";
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|attr\(\s*([\w:-]+)\s*\)|(counters?\([^)]*\)))/y;
  let pos = 0;
  let m: RegExpExecArray | null;
  while (pos < v.length && (m = re.exec(v))) {
    pos = re.lastIndex;
    if (m[1] !== undefined || m[2] !== undefined) out += unescapeCss(m[1] ?? m[2]!);
    else if (m[3] !== undefined) out += el.attrs[m[3]] ?? "";
    else if (m[4] !== undefined) out += "0123456789.";
  }
  if (pos !== v.length) throw new Error(`content: ${content} is not understood by the font subsetter`);
  return out;
}

function unescapeCss(s: string): string {
  return s.replace(/\\([0-9a-fA-F]{1,6})\s?|\\(.)/g, (_a, hex?: string, ch?: string) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : ch!));
}

/** What a list item's marker shows, for the list style types the stylesheet may use. */
function markerText(type: string, index: number): string {
  switch (type) {
    case "none":
      return "";
    case "disc":
      return "\u2022 ";
    case "circle":
    case "square":
      // Drawn as shapes by reading engines, not from the font.
      return "";
    case "decimal":
      return `${index}. `;
    case "lower-alpha":
      return "abcdefghijklmnopqrstuvwxyz. ";
    case "upper-alpha":
      return "ABCDEFGHIJKLMNOPQRSTUVWXYZ. ";
    case "lower-roman":
      return "ivxlcdm. ";
    case "upper-roman":
      return "IVXLCDM. ";
    default:
      throw new Error(`list-style-type "${type}" is not understood by the font subsetter`);
  }
}

const HIDDEN = new Set(["head", "script", "style", "title", "svg", "math", "template"]);

function walk(el: El, parent: Computed, rules: Rule[], add: (style: Computed, text: string) => void): void {
  if (HIDDEN.has(el.name) || el.attrs["hidden"] !== undefined) return;
  const style = compute(parent, cascade(el, rules, undefined));
  const pseudo = (which: "before" | "after") => {
    const d = cascade(el, rules, which);
    const text = generated(el, d.content);
    if (text) add(compute(style, d), text);
  };
  pseudo("before");
  if (el.name === "li") {
    const siblings = el.parent?.elements().filter((e) => e.name === "li") ?? [el];
    const start = Number(el.parent?.attrs["start"] ?? "1");
    const marker = markerText(style.listStyleType, siblings.indexOf(el) + (Number.isFinite(start) ? start : 1));
    if (marker) add(compute(style, cascade(el, rules, "marker")), marker);
  }
  for (const c of el.children) {
    if (c instanceof El) walk(c, style, rules, add);
    else add(style, c);
  }
  pseudo("after");
}

// ---------------------------------------------------------------- font matching

/**
 * The face a browser draws text of this family, weight and style with (CSS
 * Fonts 4 §5.2, "font-style" then "font-weight"), among the faces of the
 * first family in the list that the EPUB embeds; undefined when none is.
 */
export function matchFace(faces: readonly FontFace[], style: { family: readonly string[]; weight: number; style: "normal" | "italic" }): FontFace | undefined {
  for (const fam of style.family) {
    const own = faces.filter((f) => f.family.toLowerCase() === fam.toLowerCase());
    if (own.length === 0) continue;
    const sameStyle = own.filter((f) => f.style === style.style);
    const pool = sameStyle.length > 0 ? sameStyle : own;
    const w = style.weight;
    const order = (f: FontFace): number => {
      const fw = f.weight;
      if (fw === w) return 0;
      if (w >= 400 && w <= 500) {
        if (fw > w && fw <= 500) return 1000 + fw - w;
        if (fw < w) return 2000 + w - fw;
        return 3000 + fw - w;
      }
      if (w < 400) return fw < w ? 1000 + w - fw : 2000 + fw - w;
      return fw > w ? 1000 + fw - w : 2000 + w - fw;
    };
    return [...pool].sort((x, y) => order(x) - order(y))[0];
  }
  return undefined;
}

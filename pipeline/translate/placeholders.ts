import type { Foreign, Inline, Lang } from "../document/types.ts";

/**
 * An inline code: the part of an inline mark that is not text. A segment's
 * text carries it as a placeholder, `{n}` for a standalone code (a footnote
 * reference) and `{n}` … `{/n}` for a pair (emphasis, strong, link,
 * foreign-language span), numbered from 1 within the segment, the way
 * XLIFF 2.0 carries `<ph id="n"/>` and `<pc id="n">…</pc>`.
 */
export type Code =
  | { kind: "noteRef"; id: string }
  | { kind: "emphasis" }
  | { kind: "strong" }
  | { kind: "link"; url: string }
  | { kind: "foreign"; lang: Lang; reason: Foreign["reason"] };

/** True for codes that enclose text (`{n}…{/n}`). */
export function isPaired(code: Code): boolean {
  return code.kind !== "noteRef";
}

export const PLACEHOLDER = /\{(\/?)(\d+)\}/g;

/** A placeholder token found in a string. */
export interface PlaceholderToken {
  id: number;
  close: boolean;
  index: number;
  text: string;
}

/** All placeholder tokens in `text`, in order. */
export function placeholderTokens(text: string): PlaceholderToken[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ id: Number(m[2]), close: m[1] === "/", index: m.index, text: m[0] }));
}

/** `text` with every placeholder removed. */
export function stripPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, "");
}

/** A problem with the placeholders of a target against its codes. */
export interface PlaceholderProblem {
  kind: "missing" | "duplicated" | "unknown" | "unbalanced";
  token: string;
}

/**
 * Check that `text` carries each of `codes` exactly once, pairs opened and
 * closed in nesting order, and nothing else.
 */
export function checkPlaceholders(text: string, codes: readonly Code[]): PlaceholderProblem[] {
  const problems: PlaceholderProblem[] = [];
  const tokens = placeholderTokens(text);
  const seenOpen = new Map<number, number>();
  const seenClose = new Map<number, number>();
  const stack: number[] = [];
  for (const t of tokens) {
    const code = codes[t.id - 1];
    if (!code || (t.close && !isPaired(code))) {
      problems.push({ kind: "unknown", token: t.text });
      continue;
    }
    const seen = t.close ? seenClose : seenOpen;
    seen.set(t.id, (seen.get(t.id) ?? 0) + 1);
    if (!isPaired(code)) continue;
    if (!t.close) stack.push(t.id);
    else if (stack[stack.length - 1] === t.id) stack.pop();
    else problems.push({ kind: "unbalanced", token: t.text });
  }
  codes.forEach((code, i) => {
    const id = i + 1;
    const open = seenOpen.get(id) ?? 0;
    const close = seenClose.get(id) ?? 0;
    if (open === 0) problems.push({ kind: "missing", token: `{${id}}` });
    if (open > 1) problems.push({ kind: "duplicated", token: `{${id}}` });
    if (isPaired(code)) {
      if (close === 0 && open > 0) problems.push({ kind: "missing", token: `{/${id}}` });
      if (close > 1) problems.push({ kind: "duplicated", token: `{/${id}}` });
    }
  });
  if (stack.length > 0 && problems.length === 0) problems.push({ kind: "unbalanced", token: `{${stack[stack.length - 1]}}` });
  return problems;
}

/**
 * Build inline nodes from a segment text with placeholders. The caller has
 * checked the placeholders (checkPlaceholders); an unknown or unbalanced
 * token is kept as text rather than dropped.
 */
export function toInlines(text: string, codes: readonly Code[]): Inline[] {
  type Frame = { code?: Code; children: Inline[] };
  const root: Frame = { children: [] };
  const stack: Frame[] = [root];
  const top = () => stack[stack.length - 1]!;
  const pushText = (value: string) => {
    if (!value) return;
    const kids = top().children;
    const last = kids[kids.length - 1];
    if (last?.type === "text") last.value += value;
    else kids.push({ type: "text", value });
  };
  let pos = 0;
  for (const t of placeholderTokens(text)) {
    pushText(text.slice(pos, t.index));
    pos = t.index + t.text.length;
    const code = codes[t.id - 1];
    if (!code) {
      pushText(t.text);
      continue;
    }
    if (!isPaired(code)) {
      if (!t.close && code.kind === "noteRef") top().children.push({ type: "noteRef", id: code.id });
      else pushText(t.text);
      continue;
    }
    if (!t.close) stack.push({ code, children: [] });
    else if (stack.length > 1 && top().code === code) {
      const frame = stack.pop()!;
      top().children.push(wrap(frame.code!, frame.children));
    } else pushText(t.text);
  }
  pushText(text.slice(pos));
  while (stack.length > 1) {
    const frame = stack.pop()!;
    top().children.push(wrap(frame.code!, frame.children));
  }
  return root.children;
}

function wrap(code: Code, children: Inline[]): Inline {
  switch (code.kind) {
    case "emphasis":
      return { type: "emphasis", children };
    case "strong":
      return { type: "strong", children };
    case "link":
      return { type: "link", url: code.url, children };
    case "foreign":
      return { type: "foreign", lang: code.lang, reason: code.reason, children };
    case "noteRef":
      return { type: "noteRef", id: code.id };
    default: {
      const never: never = code;
      throw new Error(`unknown code ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Flatten inline nodes to one string with placeholders numbered from
 * `first`, appending each code to `codes`.
 */
export function flattenInlines(inlines: readonly Inline[], codes: Code[]): string {
  let out = "";
  for (const node of inlines) {
    switch (node.type) {
      case "text":
        out += node.value;
        break;
      case "noteRef":
        codes.push({ kind: "noteRef", id: node.id });
        out += `{${codes.length}}`;
        break;
      case "emphasis":
      case "strong":
      case "link":
      case "foreign": {
        const code: Code =
          node.type === "link"
            ? { kind: "link", url: node.url }
            : node.type === "foreign"
              ? { kind: "foreign", lang: node.lang, reason: node.reason }
              : { kind: node.type };
        codes.push(code);
        const id = codes.length;
        out += `{${id}}${flattenInlines(node.children, codes)}{/${id}}`;
        break;
      }
      default: {
        const never: never = node;
        throw new Error(`unknown inline ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

/**
 * Renumber the placeholders of a slice of flattened text from 1, in order
 * of first appearance, returning the text and its own code list.
 */
export function renumber(text: string, codes: readonly Code[]): { text: string; codes: Code[] } {
  const map = new Map<number, number>();
  const own: Code[] = [];
  const out = text.replace(PLACEHOLDER, (_m, slash: string, n: string) => {
    const old = Number(n);
    let id = map.get(old);
    if (id === undefined) {
      own.push(codes[old - 1]!);
      id = own.length;
      map.set(old, id);
    }
    return `{${slash}${id}}`;
  });
  return { text: out, codes: own };
}

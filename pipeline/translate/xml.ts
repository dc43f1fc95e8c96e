import { SaxesParser } from "saxes";

/** An XML element with the line it starts on (for error messages). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  line: number;
}
export type XmlNode = XmlElement | string;

/** Malformed XML: the parser's message and the line it stopped on. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "XmlSyntaxError";
  }
}

/**
 * Parse XML into a small tree with line numbers, strictly (saxes checks
 * well-formedness). Namespace prefixes stay in the names; whitespace-only
 * text between elements is kept (callers decide).
 */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: XmlSyntaxError | undefined;
  parser.on("error", (e) => {
    if (!error) error = new XmlSyntaxError(e.message.replace(/^[^:]*:\d+:\d+: /, ""), parser.line);
  });
  parser.on("opentag", (tag) => {
    const el: XmlElement = { name: tag.name, attrs: { ...(tag.attributes as Record<string, string>) }, children: [], line: parser.line };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  const onText = (t: string) => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    if (typeof last === "string") parent.children[parent.children.length - 1] = last + t;
    else parent.children.push(t);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  try {
    parser.write(text).close();
  } catch (e) {
    if (!error) error = new XmlSyntaxError((e as Error).message, parser.line);
  }
  if (error) throw error;
  if (!root) throw new XmlSyntaxError("no root element", 1);
  return root;
}

/** Escape text content. */
export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escape an attribute value (double-quoted). */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;");
}

/** The child elements of `el` named `name` (local name, prefix ignored). */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string" && localName(c.name) === name);
}

export function localName(name: string): string {
  const i = name.indexOf(":");
  return i === -1 ? name : name.slice(i + 1);
}

/** All text inside an element, concatenated. */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === "string" ? c : textContent(c))).join("");
}

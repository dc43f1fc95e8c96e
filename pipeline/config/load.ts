import { readFileSync, existsSync } from "node:fs";
import { LineCounter, parseDocument, isMap, isSeq, visit, type Document, type Node as YamlNode } from "yaml";
import type { z } from "zod";
import { TweeluikError } from "../errors.ts";
import { decodeSource } from "../read/read-source.ts";

/**
 * Parse YAML text and validate it with a zod schema. A syntax error or a bad
 * field is a TweeluikError naming the file and the line of the offending
 * field, so an editor can go straight to it.
 */
export function parseYamlConfig<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
    throw new TweeluikError("config:syntax", `YAML syntax: ${first.message.split("\n")[0]}`, { file, line });
  }
  const result = schema.safeParse(toJS(doc, file, lineCounter));
  if (result.success) {
    locate(result.data, doc.contents, file, lineCounter);
    return result.data;
  }
  const issue = result.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  const node = nodeAt(doc.contents, path);
  const offset = node?.range?.[0] ?? 0;
  const line = lineCounter.linePos(offset).line;
  const where = path.length ? path.join(".") : "(document)";
  throw new TweeluikError("config:invalid", `${where}: ${issue.message}`, { file, line });
}

/** Aliases a config may expand in all (yaml's own default is 100): a few anchors are fine, a "billion laughs" is not. */
const MAX_ALIAS_COUNT = 100;

/**
 * The YAML document as plain data. An alias bomb (aliases of aliases that
 * expand exponentially) is refused with the line of the first alias instead
 * of exhausting memory.
 */
function toJS(doc: Document.Parsed, file: string, lineCounter: LineCounter): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    if (!(cause instanceof ReferenceError)) throw cause;
    let offset: number | undefined;
    visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0];
        return visit.BREAK;
      },
    });
    const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
    throw new TweeluikError("config:syntax", `YAML aliases expand to more than ${MAX_ALIAS_COUNT} nodes (${cause.message.toLowerCase()})`, { file, line, cause });
  }
}

/**
 * Load and validate a YAML config file. `name` is how messages and
 * yamlLocation() name the file (default: `file` as given), e.g.
 * `source/<slug>.yaml` whatever the working folder.
 */
export function loadYamlConfig<S extends z.ZodType>(file: string, schema: S, name: string = file): z.infer<S> {
  if (!existsSync(file)) throw new TweeluikError("input:missing", "config file not found", { file: name });
  return parseYamlConfig(decodeSource(readFileSync(file), name), name, schema);
}

/** Where each mapping and sequence of a loaded config stood in its YAML text. */
const locations = new WeakMap<object, { file: string; line: number }>();

/**
 * The file and line of a mapping or sequence in a config loaded by
 * parseYamlConfig/loadYamlConfig (an editorial correction: the line of its
 * `- op:`); undefined for data made otherwise.
 */
export function yamlLocation(value: object): { file: string; line: number } | undefined {
  return locations.get(value);
}

/** Record the line of every mapping and sequence of the validated data, walking it beside the YAML nodes. */
function locate(data: unknown, node: unknown, file: string, lineCounter: LineCounter): void {
  if (typeof data !== "object" || data === null || (!isMap(node) && !isSeq(node))) return;
  const offset = (node as YamlNode).range?.[0];
  if (offset !== undefined) locations.set(data, { file, line: lineCounter.linePos(offset).line });
  if (isSeq(node) && Array.isArray(data)) node.items.forEach((item, k) => locate(data[k], item, file, lineCounter));
  else if (isMap(node))
    for (const pair of node.items) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (typeof key === "string" && Object.hasOwn(data, key)) locate((data as Record<string, unknown>)[key], pair.value, file, lineCounter);
    }
}

/** The deepest YAML node along a path (for line numbers of a bad field). */
function nodeAt(root: unknown, path: (string | number)[]): YamlNode | undefined {
  let node = root as YamlNode | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      node = (pair.value ?? pair.key) as YamlNode;
    } else if (isSeq(node) && typeof key === "number") {
      const next = node.items[key] as YamlNode | undefined;
      if (!next) return node;
      node = next;
    } else return node;
  }
  return node;
}

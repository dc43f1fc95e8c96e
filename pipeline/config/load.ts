import { readFileSync, existsSync } from "node:fs";
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from "yaml";
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
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  const node = nodeAt(doc.contents, path);
  const offset = node?.range?.[0] ?? 0;
  const line = lineCounter.linePos(offset).line;
  const where = path.length ? path.join(".") : "(document)";
  throw new TweeluikError("config:invalid", `${where}: ${issue.message}`, { file, line });
}

/** Load and validate a YAML config file. */
export function loadYamlConfig<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  if (!existsSync(file)) throw new TweeluikError("input:missing", "config file not found", { file });
  return parseYamlConfig(decodeSource(readFileSync(file), file), file, schema);
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

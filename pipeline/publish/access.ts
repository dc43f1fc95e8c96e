import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadYamlConfig } from "../config/load.ts";
import { sourceConfigSchema } from "../config/schema.ts";
import type { Artefact } from "./manifest.ts";

/** Who may download a publication (`access:` in source/<slug>.yaml). */
export type Access = "public" | "members";

/**
 * The folder below the output that holds members-only editions and their
 * catalogue. `tweeluik serve` serves it only with credentials; a folder put
 * online as static files must leave it out (docs/serving.md).
 */
export const MEMBERS_DIR = "members";

/** The `access` of each slug, from source/<slug>.yaml (public when the file or field is missing). */
export function accessOf(root: string, slugs: Iterable<string>): Map<string, Access> {
  const out = new Map<string, Access>();
  for (const slug of new Set(slugs)) {
    const file = join(root, "source", `${slug}.yaml`);
    out.set(slug, existsSync(file) ? (loadYamlConfig(file, sourceConfigSchema, `source/${slug}.yaml`).access ?? "public") : "public");
  }
  return out;
}

/** Where an artefact's path (`nl/x.epub`) goes for an access: unchanged, or below members/. */
export function placedPath(path: string, access: Access): string {
  return access === "members" ? `${MEMBERS_DIR}/${path}` : path;
}

/**
 * Move the files of members-only publications below `members/` in the
 * staging folder, before the build is promoted (`output` may be the staging
 * folder itself when it holds the complete next output), so a members-only edition,
 * its Markdown and its reports never stand among the public files, not even
 * for a moment. The copy of each file at its other place in the output (an
 * edition whose access changed) is removed, so the manifest keeps one entry
 * per file. Called only after every document succeeded. Returns the
 * artefacts with their new paths.
 */
export function placeByAccess(root: string, staging: string, output: string, artefacts: readonly Artefact[]): Artefact[] {
  const access = accessOf(
    root,
    artefacts.map((a) => a.slug),
  );
  return artefacts.map((a) => {
    const acc = access.get(a.slug) ?? "public";
    const path = placedPath(a.path, acc);
    const other = placedPath(a.path, acc === "members" ? "public" : "members");
    // (When the output is the staging folder, a members-only file's other place is where it stands now: the rename moves it.)
    if (join(output, other) !== join(staging, a.path)) rmSync(join(output, other), { force: true });
    if (path === a.path) return a;
    mkdirSync(dirname(join(staging, path)), { recursive: true });
    renameSync(join(staging, a.path), join(staging, path));
    return { ...a, path };
  });
}

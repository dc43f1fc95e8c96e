/**
 * The versions of the system's engines, remembered in the build cache by the
 * executable's path, size and date, so a build with nothing to do starts no
 * process to ask.
 */
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { checkPandoc } from "../render-epub/pandoc.ts";
import type { BuildCache } from "./cache.ts";

/** pandoc's version (checked to be new enough), from the cache while the executable is the same file. */
export async function pandocVersion(cache: BuildCache): Promise<string> {
  const exe = onPath("pandoc");
  const key = exe && createHash("sha256").update(`pandoc\0${exe.path}\0${exe.ino}\0${exe.size}\0${exe.mtimeMs}`).digest("hex");
  const known = key ? cache.json<{ version: string }>("tools", key) : undefined;
  if (known) return known.version;
  // Not on PATH, or not seen yet: ask it (this throws the missing or too-old error).
  const { version } = await checkPandoc();
  if (key) cache.putJson("tools", key, { version });
  return version;
}

function onPath(cmd: string): { path: string; ino: number; size: number; mtimeMs: number } | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    try {
      const st = statSync(join(dir, cmd));
      if (st.isFile()) return { path: join(dir, cmd), ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
    } catch {
      // not here
    }
  }
  return undefined;
}

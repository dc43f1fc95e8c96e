// Entry of a renderer process (pool.ts). child.ts and the project's modules it imports are bundled
// by esbuild into one module, kept under node_modules/.cache/tweeluik by the hash of its text, and
// that module is loaded as plain JavaScript: tsx's loader would take every module through its
// hooks, which made a fresh renderer ready in 0.6 s instead of 0.35 s. Packages stay outside the
// bundle (loaded from node_modules as any import), and each module's import.meta.url stays its
// own file's, so paths it finds beside itself (templates/design.json, locales/) are the same.
// Where the bundle cannot be made or written, tsx loads child.ts as before.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));
const CACHE = fileURLToPath(new URL("../../node_modules/.cache/tweeluik/", import.meta.url));
/** A bundle of other code older than this is removed when a new one is written. */
const STALE_MS = 24 * 3600_000;

/** Every module of the project's own keeps its own import.meta.url in the bundle. */
const ownUrls = {
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.(?:ts|tsx|mts)$/ }, (args) => ({
      contents: readFileSync(args.path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
      loader: args.path.endsWith(".tsx") ? "tsx" : "ts",
    }));
  },
};

/** The bundle's file, written where it is not there yet. */
async function bundle() {
  const esbuild = await import("esbuild");
  const out = await esbuild.build({
    entryPoints: [CHILD],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    jsx: "automatic",
    write: false,
    logLevel: "silent",
    plugins: [ownUrls],
  });
  const code = out.outputFiles[0].contents;
  const name = `render-child-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`;
  const file = join(CACHE, name);
  try {
    statSync(file);
    return file;
  } catch {
    // (not there yet: written whole under another name first, so no process loads half of it)
  }
  mkdirSync(CACHE, { recursive: true });
  const part = `${file}.${process.pid}.part`;
  writeFileSync(part, code);
  renameSync(part, file);
  for (const other of readdirSync(CACHE)) {
    if (other === name || !other.startsWith("render-child-")) continue;
    const path = join(CACHE, other);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // (another process removed it first)
    }
  }
  return file;
}

let file;
try {
  file = await bundle();
} catch {
  file = undefined;
}
if (file) await import(pathToFileURL(file).href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(CHILD).href);
}

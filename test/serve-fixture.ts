// A small built output for the catalogue and server tests: three short sources
// (two public, one members-only) built to EPUB and PDF in a temporary project.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "../pipeline/build.ts";
import type { Manifest } from "../pipeline/publish/manifest.ts";

export const SOURCES = {
  "rapport-werk-2024": {
    access: "public",
    yaml: `kind: report
title: { nl: "Rapport over gezond werk", en: "Report on healthy work" }
date: "2024-05-01"
publisher: { nl: "Proefraad", en: "Trial Council" }
description: { nl: "Een kort rapport over werk en gezondheid.", en: "A short report on work and health." }
`,
    text: "1 Inleiding\n\nDit rapport gaat over werk en gezondheid in Nederland.\n\n2 Aanbevelingen\n\nDe raad beveelt aan om gezond werk te bevorderen.\n",
  },
  "advies-zorg-2023": {
    access: "public",
    yaml: `kind: advice
title: { nl: "Advies over zorg", en: "Advice on care" }
date: "2023-03"
publisher: { nl: "Proefraad", en: "Trial Council" }
description: { nl: "Advies over de toegang tot zorg.", en: "Advice on access to care." }
`,
    text: "1 Advies\n\nDe raad adviseert het kabinet over de toegang tot zorg.\n",
  },
  "verslag-leden-2024": {
    access: "members",
    yaml: `kind: minutes
title: { nl: "Verslag van de ledenvergadering", en: "Minutes of the members' meeting" }
date: "2024-06-12"
publisher: { nl: "Proefraad", en: "Trial Council" }
description: { nl: "Vertrouwelijk verslag voor de leden.", en: "Confidential minutes for members." }
access: members
`,
    text: "1 Opening\n\nDe voorzitter opent de vergadering en heet de leden welkom.\n",
  },
} as const;

export const MEMBERS_SLUG = "verslag-leden-2024";

export interface Fixture {
  root: string;
  output: string;
  manifest: Manifest;
}

/** Build the three sources (EPUB and PDF) into a temporary project; about 20 s. */
export async function buildFixture(): Promise<Fixture> {
  const root = mkdtempSync(join(tmpdir(), "tweeluik-serve-"));
  mkdirSync(join(root, "source"));
  for (const d of ["locales", "templates"]) symlinkSync(resolve(d), join(root, d));
  for (const [slug, s] of Object.entries(SOURCES)) {
    writeFileSync(join(root, "source", `${slug}.txt`), s.text);
    writeFileSync(join(root, "source", `${slug}.yaml`), s.yaml);
  }
  const output = join(root, "output");
  // The English editions are untranslated (no memory for these texts): published all the same, with the draft mark.
  const result = await build({ root, output, formats: ["epub", "pdf"], concurrency: 2, cacheDir: join(root, ".cache"), publishDrafts: true });
  if (!result.promoted) throw new Error(`fixture build failed: ${result.documents.map((d) => d.error?.format()).filter(Boolean).join("; ")}`);
  const manifest = JSON.parse(readFileSync(join(output, "manifest.json"), "utf8")) as Manifest;
  return { root, output, manifest };
}

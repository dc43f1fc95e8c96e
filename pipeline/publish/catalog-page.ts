import { posix } from "node:path";
import { KINDS, LANGS, type Lang } from "../document/types.ts";
import { formatDate, t } from "../i18n/ui.ts";
import { design } from "../render-epub/design.ts";
import { byNewest, esc, feedPath, fold, type Edition } from "./opds.ts";

/** The web fonts of the catalogue page, below the output folder (subsets of the house fonts: see pageFonts()). */
export const PAGE_FONTS = [
  { family: "serif", style: "regular", weight: 400, file: "assets/serif-400.woff2" },
  { family: "serif", style: "semibold", weight: 600, file: "assets/serif-600.woff2" },
  { family: "sans", style: "regular", weight: 400, file: "assets/sans-400.woff2" },
  { family: "sans", style: "semibold", weight: 600, file: "assets/sans-600.woff2" },
] as const;

/** Interface words in both languages; CSS shows the one the reader chose (html[data-ui]). */
function ui(key: string, vars?: Record<string, string | number>): string {
  return LANGS.map((l) => `<span class="ui" lang="${l}">${esc(t(l, key, vars))}</span>`).join("");
}
const uiBoth = (key: string) => `${t("nl", key)} / ${t("en", key)}`;

function size(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} kB`;
}

/**
 * The catalogue page (index.html; members/index.html over every edition):
 * the publisher's name, one card per publication with the Dutch and the
 * English edition side by side (cover, title, kind, date, summary, PDF and
 * EPUB with sizes), a language switch (Dutch, English or both, for the
 * editions and the interface words), filters by kind and year, a search, and
 * how to add the OPDS catalogue to an e-reader. House fonts and colours
 * (templates/design.json). Works without scripts (everything shown); the
 * script only filters. Pure: the same editions give the same page.
 */
export function catalogPage(data: { title: Record<Lang, string>; editions: readonly Edition[] }, opts: { dir: string }): string {
  const { colours, kindAccents } = design();
  const href = (p: string) => esc(posix.relative(opts.dir || ".", p));
  const slugs = [...new Map([...data.editions].sort(byNewest).map((e) => [e.slug, e])).keys()];
  const years = [...new Set(data.editions.map((e) => e.date.slice(0, 4)))].sort().reverse();
  const kinds = KINDS.filter((k) => data.editions.some((e) => e.kind === k));

  const cards = slugs.map((slug) => {
    const eds = LANGS.map((l) => data.editions.find((e) => e.slug === slug && e.lang === l));
    const first = eds.find(Boolean)!;
    const text = fold(eds.map((e) => (e ? [e.title, e.summary ?? "", t(e.lang, `kind.${e.kind}`), e.publisher, e.date].join(" ") : "")).join(" "));
    const cols = eds
      .map((e, i) => {
        const lang = LANGS[i]!;
        if (!e) return `      <div class="ed" lang="${lang}" data-lang="${lang}"><p class="missing">—</p></div>`;
        const files = (["pdf", "epub"] as const)
          .map((fmt) => {
            const f = e.files[fmt];
            if (!f) return "";
            const pages = fmt === "pdf" && e.files.pdf?.pages ? `, ${esc(t(lang, "catalogue.pages", { count: e.files.pdf.pages }))}` : "";
            return `<a class="dl" href="${href(f.path)}" type="${fmt === "pdf" ? "application/pdf" : "application/epub+zip"}" hreflang="${lang}" download>${fmt.toUpperCase()}<span class="size"> ${size(f.bytes)}${pages}</span></a>`;
          })
          .filter(Boolean)
          .join(" ");
        return [
          `      <div class="ed" lang="${lang}" data-lang="${lang}">`,
          e.cover ? `        <img class="cover" src="${href(e.cover.thumbnail)}" alt="" width="100" height="133" loading="lazy">` : `        <div class="cover none"></div>`,
          `        <div class="body">`,
          `          <p class="kind" style="--accent:${kindAccents[e.kind] ?? colours.accent}">${esc(t(lang, `kind.${e.kind}`))}${e.access === "members" ? ` · ${esc(t(lang, "catalogue.membersOnly"))}` : ""}</p>`,
          `          <h2>${esc(e.title)}</h2>`,
          `          <p class="date"><time datetime="${esc(e.date)}">${esc(formatDate(lang, e.date))}</time></p>`,
          e.summary ? `          <p class="summary">${esc(e.summary)}</p>` : "",
          `          <p class="files">${files}</p>`,
          `        </div>`,
          `      </div>`,
        ]
          .filter(Boolean)
          .join("\n");
      })
      .join("\n");
    return `    <li class="pub" data-kind="${first.kind}" data-year="${first.date.slice(0, 4)}" data-text="${esc(text)}">\n${cols}\n    </li>`;
  });

  const fonts = PAGE_FONTS.map(
    (f) => `@font-face { font-family: "${design().fonts[f.family].family}"; font-weight: ${f.weight}; font-style: normal; font-display: swap; src: url("${href(f.file)}") format("woff2"); }`,
  ).join("\n");
  const serif = `"${design().fonts.serif.family}", Georgia, serif`;
  const sans = `"${design().fonts.sans.family}", system-ui, sans-serif`;
  const feed = href(opts.dir ? `${opts.dir}/${feedPath.root}` : feedPath.root);

  return `<!DOCTYPE html>
<html lang="nl" data-ui="nl" data-show="both">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(data.title.nl)}: ${esc(uiBoth("catalogue.heading"))}</title>
<link rel="alternate" type="application/atom+xml;profile=opds-catalog;kind=navigation" href="${feed}" title="OPDS">
<style>
${fonts}
:root { --ink: ${colours.ink}; --muted: ${colours.muted}; --accent: ${colours.accent}; --accent-dark: ${colours.accentDark}; --tint: ${colours.tint}; --rule: ${colours.rule}; }
* { box-sizing: border-box; }
body { font-family: ${sans}; color: var(--ink); margin: 0; line-height: 1.45; background: #fff; }
[data-ui="nl"] .ui[lang="en"], [data-ui="en"] .ui[lang="nl"] { display: none; }
header.top { background: var(--accent); color: #fff; padding: 1rem 1.25rem; display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: center; justify-content: space-between; }
header.top .publisher { font-weight: 600; font-size: 1.15rem; margin: 0; }
.switch { display: flex; gap: .25rem; border: 0; margin: 0; padding: 0; }
.switch legend { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.switch button { font: inherit; font-size: .95rem; background: transparent; color: #fff; border: 1px solid #fff; border-radius: .25rem; padding: .35rem .7rem; cursor: pointer; min-height: 2.5rem; }
.switch button[aria-pressed="true"] { background: #fff; color: var(--accent-dark); font-weight: 600; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-family: ${serif}; font-weight: 600; color: var(--accent-dark); font-size: 2rem; margin: .75rem 0 .25rem; }
.intro { color: var(--muted); margin-top: 0; }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: end; background: var(--tint); padding: .85rem 1rem; border-radius: .35rem; }
form.filters label { display: block; font-size: .85rem; font-weight: 600; color: var(--accent-dark); margin-bottom: .2rem; }
form.filters input, form.filters select { font: inherit; padding: .4rem .5rem; border: 1px solid var(--muted); border-radius: .25rem; background: #fff; color: var(--ink); min-height: 2.5rem; }
form.filters .q { flex: 1 1 14rem; }
form.filters .q input { width: 100%; }
#count { color: var(--muted); font-size: .9rem; margin: .75rem 0; }
ol.pubs { list-style: none; margin: 0; padding: 0; }
li.pub { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; border-top: 1px solid var(--rule); padding: 1.25rem 0; }
[data-show="nl"] li.pub, [data-show="en"] li.pub { grid-template-columns: 1fr; }
[data-show="nl"] .ed[data-lang="en"], [data-show="en"] .ed[data-lang="nl"] { display: none; }
li.pub[hidden] { display: none; }
.ed { display: flex; gap: 1rem; align-items: flex-start; min-width: 0; }
.cover { width: 100px; height: auto; aspect-ratio: 3 / 4; flex: none; border: 1px solid var(--rule); }
.cover.none { background: var(--tint); }
.body { min-width: 0; }
.kind { margin: 0; font-size: .8rem; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; color: var(--accent-dark); border-left: .3rem solid var(--accent); padding-left: .4rem; }
.ed h2 { font-family: ${serif}; font-weight: 600; font-size: 1.2rem; line-height: 1.25; margin: .3rem 0 .15rem; }
.date { margin: 0; color: var(--muted); font-size: .9rem; }
.summary { font-family: ${serif}; margin: .4rem 0; }
.files { margin: .4rem 0 0; display: flex; flex-wrap: wrap; gap: .5rem; }
a { color: var(--accent-dark); }
a.dl { display: inline-block; font-weight: 600; text-decoration: none; border: 1px solid var(--accent); border-radius: .25rem; padding: .35rem .6rem; min-height: 2.5rem; }
a.dl:hover, a.dl:focus { background: var(--tint); text-decoration: underline; }
a.dl .size { font-weight: 400; color: var(--muted); font-size: .85rem; }
.missing { color: var(--muted); }
section.reader { margin-top: 2rem; background: var(--tint); padding: 1rem 1.25rem; border-radius: .35rem; }
section.reader h2 { font-family: ${serif}; font-weight: 600; color: var(--accent-dark); margin-top: 0; font-size: 1.3rem; }
section.reader code { font-size: .95rem; word-break: break-all; background: #fff; padding: .15rem .35rem; }
:focus-visible { outline: 3px solid var(--accent-dark); outline-offset: 2px; }
@media (max-width: 44rem) {
  li.pub { grid-template-columns: 1fr; gap: 1rem; }
  h1 { font-size: 1.6rem; }
  .cover { width: 72px; }
}
</style>
</head>
<body>
<header class="top">
  <p class="publisher"><span class="ui" lang="nl">${esc(data.title.nl)}</span><span class="ui" lang="en">${esc(data.title.en)}</span></p>
  <fieldset class="switch">
    <legend>${ui("catalogue.language")}</legend>
    <button type="button" data-show="nl" aria-pressed="false" lang="nl">Nederlands</button>
    <button type="button" data-show="en" aria-pressed="false" lang="en">English</button>
    <button type="button" data-show="both" aria-pressed="true">${ui("catalogue.bothLanguages")}</button>
  </fieldset>
</header>
<main>
  <h1>${ui("catalogue.heading")}</h1>
  <p class="intro"><span class="ui" lang="nl">${esc(t("nl", "catalogue.intro", { publisher: data.title.nl }))}</span><span class="ui" lang="en">${esc(t("en", "catalogue.intro", { publisher: data.title.en }))}</span></p>
  <form class="filters" role="search" onsubmit="return false">
    <div class="q"><label for="q">${ui("catalogue.search")}</label><input id="q" name="q" type="search" autocomplete="off"></div>
    <div><label for="kind">${ui("catalogue.kind")}</label><select id="kind" name="kind"><option value="">${esc(uiBoth("catalogue.all"))}</option>${kinds.map((k) => `<option value="${k}">${esc(`${t("nl", `kind.${k}`)} / ${t("en", `kind.${k}`)}`)}</option>`).join("")}</select></div>
    <div><label for="year">${ui("catalogue.year")}</label><select id="year" name="year"><option value="">${esc(uiBoth("catalogue.all"))}</option>${years.map((y) => `<option value="${y}">${y}</option>`).join("")}</select></div>
  </form>
  <p id="count" aria-live="polite">${ui("catalogue.shown", { count: slugs.length, total: slugs.length })}</p>
  <ol class="pubs">
${cards.join("\n")}
  </ol>
  <p id="none" hidden>${ui("catalogue.none")}</p>
  <section class="reader" aria-labelledby="reader-h">
    <h2 id="reader-h">${ui("catalogue.readerHeading")}</h2>
    <p>${ui("catalogue.readerHelp")}</p>
    <p><a href="${feed}"><code class="feed-url">${feed}</code></a></p>
    ${opts.dir ? "" : `<p>${ui("catalogue.readerMembers")} <a href="${href("members/catalog.xml")}"><code class="feed-url">${href("members/catalog.xml")}</code></a></p>`}
  </section>
</main>
<script>
(() => {
  const root = document.documentElement;
  const fold = (s) => s.normalize("NFD").replace(/\\p{M}/gu, "").toLowerCase();
  const total = ${slugs.length};
  const words = ${JSON.stringify(Object.fromEntries(LANGS.map((l) => [l, t(l, "catalogue.shown", { count: 90001, total: 90002 })])))};
  for (const code of document.querySelectorAll(".feed-url")) code.textContent = new URL(code.parentElement.getAttribute("href"), location.href).href;
  const q = document.getElementById("q"), kind = document.getElementById("kind"), year = document.getElementById("year");
  function apply() {
    const terms = fold(q.value).split(/\\s+/).filter(Boolean);
    let n = 0;
    for (const li of document.querySelectorAll("li.pub")) {
      const ok = (!kind.value || li.dataset.kind === kind.value) && (!year.value || li.dataset.year === year.value) && terms.every((w) => li.dataset.text.includes(w));
      li.hidden = !ok;
      if (ok) n++;
    }
    for (const span of document.querySelectorAll("#count .ui")) span.textContent = words[span.lang].replace("90001", n).replace("90002", total);
    document.getElementById("none").hidden = n > 0;
  }
  for (const el of [q, kind, year]) el.addEventListener("input", apply);
  for (const b of document.querySelectorAll(".switch button")) {
    b.addEventListener("click", () => {
      const show = b.dataset.show;
      root.dataset.show = show;
      if (show !== "both") { root.dataset.ui = show; root.lang = show; }
      for (const o of document.querySelectorAll(".switch button")) o.setAttribute("aria-pressed", String(o === b));
    });
  }
  apply();
})();
</script>
</body>
</html>
`;
}

/**
 * The characters the web-font subsets hold: printable ASCII, Latin-1 letters
 * and the punctuation the interface and the titles use. Fixed, so the subsets
 * are the same files whatever the catalogue holds.
 */
export const FONT_CHARS = `${Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("")}${Array.from({ length: 96 }, (_, i) => String.fromCharCode(160 + i)).join("")}“”‘’‚„–—…•€\u2009\u202f`;

// The catalogue page in headless Chromium (the system one, through puppeteer-core):
// axe-core finds no violation at desktop and phone width in either interface
// language; the language switch, the filters and the search work; nothing
// overflows a phone's width. Screenshots go to $TWEELUIK_SCREENSHOTS (default
// <tmp>/tweeluik-catalog-page/) to be looked at.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../pipeline/render-epub/check-a11y.ts";
import { createServer } from "../pipeline/serve/server.ts";
import { buildFixture, type Fixture } from "./serve-fixture.ts";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SHOTS = process.env.TWEELUIK_SCREENSHOTS ?? join(tmpdir(), "tweeluik-catalog-page");

let fx: Fixture;
let app: FastifyInstance;
let base: string;
let browser: Browser;

beforeAll(async () => {
  fx = await buildFixture();
  app = await createServer({ output: fx.output, membersFile: join(fx.root, "members.json") });
  base = await app.listen({ host: "127.0.0.1", port: 0 });
  const { launch } = await import("puppeteer-core");
  browser = await launch({ executablePath: chromiumPath(), headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (fx) rmSync(fx.root, { recursive: true, force: true });
});

async function open(width: number, height: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1, isMobile: width < 600, hasTouch: width < 600 });
  await page.goto(`${base}/`, { waitUntil: "networkidle0" });
  await page.evaluate(() => document.fonts.ready);
  return page;
}

async function axe(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html.slice(0, 120)) }));
  });
}

const visible = (page: Page) => page.$$eval("li.pub", (lis) => lis.filter((li) => !(li as HTMLElement).hidden).length);

describe("catalogue page", () => {
  it("desktop: no axe violations in Dutch or English; switch, filters and search work", async () => {
    const page = await open(1280, 900);
    expect(await page.$eval("header .publisher .ui[lang=nl]", (e) => e.textContent)).toBe("Proefraad");
    expect(await page.$$eval("img.cover", (imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length)).toBe(4);
    expect(await page.evaluate(() => [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family))).toContain("Source Serif 4");
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "desktop-nl.png"), fullPage: true });

    expect(await visible(page)).toBe(2);
    await page.select("#kind", "advice");
    expect(await visible(page)).toBe(1);
    await page.select("#kind", "");
    await page.select("#year", "2024");
    expect(await visible(page)).toBe(1);
    expect(await page.$eval("li.pub:not([hidden]) h2", (e) => e.textContent)).toBe("Rapport over gezond werk");
    await page.select("#year", "");
    await page.type("#q", "ZÓRG");
    expect(await visible(page)).toBe(1);
    expect(await page.$eval("#count .ui[lang=nl]", (e) => e.textContent)).toBe("1 van 2 publicaties");
    await page.$eval("#q", (e) => ((e as HTMLInputElement).value = ""));
    await page.type("#q", "geen treffer");
    expect(await visible(page)).toBe(0);
    expect(await page.$eval("#none", (e) => (e as HTMLElement).hidden)).toBe(false);
    await page.$eval("#q", (e) => ((e as HTMLInputElement).value = ""));
    await page.type("#q", " ");
    expect(await visible(page)).toBe(2);

    await page.click('.switch button[data-show="en"]');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await page.$eval("h1", (e) => (e as HTMLElement).innerText)).toBe("Publications");
    expect(await page.$$eval('.ed[data-lang="nl"]', (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length)).toBe(0);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "desktop-en.png"), fullPage: true });
    await page.close();
  });

  it("phone: readable without sideways scrolling, no axe violations", async () => {
    const page = await open(390, 844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The two editions of a publication stack on a phone.
    const [a, b] = await page.$$eval("li.pub:first-child .ed", (els) => els.map((e) => e.getBoundingClientRect().top));
    expect(b!).toBeGreaterThan(a!);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "phone-both.png"), fullPage: true });
    await page.click('.switch button[data-show="nl"]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, "phone-nl.png"), fullPage: false });
    await page.close();
  });
});

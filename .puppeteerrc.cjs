// puppeteer (a dependency of Ace, the EPUB accessibility checker) reads this file when it is
// installed and when it runs: it finds it by searching upward from its own folder. Never
// download a browser: the accessibility check drives the system's Chromium
// (pipeline/render-epub/check-a11y.ts), so `npm ci` needs no network beyond the npm registry.
/** @type {import("puppeteer").Configuration} */
module.exports = { skipDownload: true };

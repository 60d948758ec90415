// Runs axe-core (WCAG 2.0 A/AA, 2.1 AA and best practice) in headless Chromium over each HTML
// file given, and prints every violation with the nodes it hit.
//   node tests/axe.js CHROMIUM FILE.html...
// NODE_PATH must reach axe-core and puppeteer-core. The report's Content-Security-Policy
// forbids scripts, so CSP is bypassed for this check only, to inject axe.
// Exit status: 0 no violations, 1 violations, 2 the browser or a page failed.
"use strict";
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"];

async function check(browser, file) {
  const page = await browser.newPage();
  try {
    await page.setBypassCSP(true);
    await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    return await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
      return {
        passes: r.passes.length,
        violations: r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary),
        })),
      };
    }, TAGS);
  } finally {
    await page.close();
  }
}

async function main() {
  const [chromium, ...files] = process.argv.slice(2);
  if (!chromium || !files.length) {
    console.error("usage: node axe.js CHROMIUM FILE.html...");
    return 2;
  }
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  let status = 0;
  try {
    for (const file of files) {
      const r = await check(browser, file);
      const name = path.basename(file);
      if (!r.passes) {
        console.log(`FAIL: ${name}: axe ran no rule`);
        status = 1;
      }
      for (const v of r.violations) {
        status = 1;
        console.log(`FAIL: ${name}: ${v.id} (${v.impact}): ${v.help}`);
        for (const n of v.nodes) console.log("    " + n.replace(/\n/g, "\n    "));
      }
      if (!r.violations.length) console.log(`ok: ${name}: 0 violations, ${r.passes} rules passed`);
    }
  } finally {
    await browser.close();
  }
  return status;
}

main().then((s) => process.exit(s), (e) => {
  console.error("FAIL: " + (e && e.stack ? e.stack : e));
  process.exit(2);
});

// Opens a concord HTML report in headless Chromium and checks it as an editor
// would use it: every finding is there, the code / severity / file filters and
// the search box change the visible rows (exact counts, computed from the
// JSON of the same findings), text from segments never runs as script, and
// the page makes no network request. Takes a screenshot.
//
// usage: node report.mjs REPORT.html FINDINGS.json SCREENSHOT.png
import { chromium } from "playwright-core";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, basename } from "node:path";
import { pathToFileURL } from "node:url";

const [reportPath, jsonPath, shotPath] = process.argv.slice(2);
if (!reportPath || !jsonPath || !shotPath) {
  console.error("usage: node report.mjs REPORT.html FINDINGS.json SCREENSHOT.png");
  process.exit(2);
}

// The findings: a JSON array of diagnostics, or an object holding one.
let expected = JSON.parse(readFileSync(jsonPath, "utf8"));
if (!Array.isArray(expected)) {
  expected = expected.diagnostics || expected.findings || [];
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures += 1;
}
const fold = (s) => String(s ?? "").normalize("NFKC").toLowerCase();
const countBy = (f) => expected.reduce((m, d) => m.set(f(d), (m.get(f(d)) || 0) + 1), new Map());
const fileOf = (d) => (d.file == null ? "" : String(d.file));

const userDataDir = mkdtempSync(join(tmpdir(), "concord-chromium-"));
// A fresh profile every run (playwright passes it as --user-data-dir).
const browser = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
  viewport: { width: 1440, height: 1000 },
  deviceScaleFactor: 1,
});
try {
  const page = await browser.newPage();
  const dialogs = [];
  const pageErrors = [];
  const requests = [];
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });

  await page.goto(pathToFileURL(resolve(reportPath)).href, { waitUntil: "load" });

  const rows = page.locator("#findings tbody tr.finding");
  const visibleRows = page.locator("#findings tbody tr.finding:visible");
  const shown = async () => Number(await page.locator("#n-visible").textContent());
  const total = expected.length;

  check((await rows.count()) === total, `all ${total} findings are rows (found ${await rows.count()})`);
  check((await visibleRows.count()) === total, "all rows visible before filtering");
  check((await shown()) === total, "counter shows every finding");

  // Every code has exactly its findings.
  const rowCodes = await rows.evaluateAll((rs) => rs.map((r) => r.dataset.code));
  for (const [code, n] of countBy((d) => d.code)) {
    check(rowCodes.filter((c) => c === code).length === n, `${n} rows for ${code}`);
  }

  // Code filter.
  const byCode = [...countBy((d) => d.code)].sort((a, b) => b[1] - a[1]);
  for (const [code, n] of byCode.slice(0, 3)) {
    await page.selectOption("#f-code", code);
    check((await visibleRows.count()) === n && (await shown()) === n, `code filter ${code}: ${n} visible`);
  }
  await page.selectOption("#f-code", "");

  // Severity filter, alone and combined with the code filter.
  for (const [sev, n] of countBy((d) => d.severity)) {
    await page.selectOption("#f-severity", sev);
    check((await visibleRows.count()) === n && (await shown()) === n, `severity filter ${sev}: ${n} visible`);
  }
  const [topCode] = byCode[0] || [];
  if (topCode) {
    const sev = expected.find((d) => d.code === topCode).severity;
    const n = expected.filter((d) => d.code === topCode && d.severity === sev).length;
    await page.selectOption("#f-severity", sev);
    await page.selectOption("#f-code", topCode);
    check((await visibleRows.count()) === n, `code ${topCode} + severity ${sev}: ${n} visible`);
    await page.selectOption("#f-code", "");
  }
  await page.selectOption("#f-severity", "");

  // File filter.
  for (const [file, n] of countBy(fileOf)) {
    await page.selectOption("#f-file", file);
    check((await visibleRows.count()) === n, `file filter ${file || "(none)"}: ${n} visible`);
  }
  await page.selectOption("#f-file", "");

  // Search: a Chinese term from the findings; expected rows are those whose
  // texts contain it (Chinese never collides with the report's own labels).
  const withTerm = expected.find((d) => d.term && d.term.zh) || expected.find((d) => d.source);
  if (withTerm) {
    const query = withTerm.term ? withTerm.term.zh : [...withTerm.source].slice(0, 2).join("");
    const q = fold(query);
    const texts = (d) => [d.source, d.target, d.message, d.found, d.suggestion, d.unit,
      d.term && d.term.zh, d.term && d.term.en, d.term && d.term.id,
      d.tm && d.tm.source, d.tm && d.tm.target, d.tm && d.tm.origin];
    const n = expected.filter((d) => texts(d).some((t) => fold(t).includes(q))).length;
    await page.fill("#f-search", query);
    check((await visibleRows.count()) === n && (await shown()) === n, `search "${query}": ${n} visible`);
    await page.fill("#f-search", "zzz-no-such-text-zzz");
    check((await visibleRows.count()) === 0 && (await shown()) === 0, "search without hits: 0 visible");
    check(await page.locator("#no-match").isVisible(), "says that nothing matches");
    await page.click("#f-reset");
    check((await visibleRows.count()) === total, "reset shows every finding again");
  }

  // Segments containing markup are shown as text, never run.
  const scripted = expected.filter((d) => /<script/i.test(d.source + d.target));
  if (scripted.length > 0) {
    const cell = page.locator("td.src", { hasText: "<script>" });
    check((await cell.count()) >= 1, "a <script> segment is shown as text");
    check((await page.locator("body script").count()) === 1, "the page's own script is the only script element");
  }
  check(dialogs.length === 0, `no script from the data ran (dialogs: ${JSON.stringify(dialogs)})`);
  check(pageErrors.length === 0, `no JavaScript errors (${pageErrors.join("; ")})`);
  check(requests.length === 0, `no network requests (${requests.join(", ")})`);

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shotPath });
  console.log(`screenshot: ${shotPath}`);
} finally {
  await browser.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

if (failures > 0) {
  console.error(`${basename(reportPath)}: ${failures} browser check(s) failed`);
  process.exit(1);
}
console.log(`${basename(reportPath)}: all browser checks passed`);

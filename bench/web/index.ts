// npm run bench:web: Core Web Vitals of the production build, measured in Chromium.
//
// Shopify's "Built for Shopify" bar for embedded apps is LCP ≤ 2.5 s, CLS ≤ 0.1 and INP ≤ 200 ms
// (75th percentile of real admin loads). This serves `npm run build` as `npm start` serves it, in
// front of the offline demo store (dev/demo, production mode), opens each page a merchant lands on
// most in Debian's Chromium, and reads the three figures with Google's `web-vitals` library as a
// browser would report them: LCP of a cold page load, CLS over the load and one interaction, INP
// of a merchant's interaction on that page (typing in a field, opening a menu). Each page is
// loaded RUNS times in a fresh browser context (no cache); the figures printed are the worst run
// and the median. Exit code 1 when a page misses a target, so the figures can gate a release.
//
// Options (environment): RUNS (default 5), BENCH_PAGES (names to measure, e.g. "pool,editor"), CHROMIUM_PATH, BENCH_CPU_SLOWDOWN (Chromium's CPU
// throttling factor, default 1: this machine as is; 4 approximates a mid-range laptop).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { startDemo } from "../../dev/demo/server";
import { launchChromium, MERCHANT_BROWSER } from "../../test/browser/chromium";
import { freePort } from "../../test/support/free-port";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const RUNS = Math.max(1, Number(process.env.RUNS ?? 5));
const CPU_SLOWDOWN = Math.max(1, Number(process.env.BENCH_CPU_SLOWDOWN ?? 1));
const TARGETS = { lcp: 2500, cls: 0.1, inp: 200 } as const;
const WEB_VITALS = readFileSync(path.join(ROOT, "node_modules", "web-vitals", "dist", "web-vitals.attribution.iife.js"), "utf8");

type Vitals = { lcp: number | null; cls: number | null; inp: number | null; lcpParts: LcpParts | null; clsShift: string | null };
/** Where an LCP's time went (web-vitals' attribution): server, waiting to fetch, fetching, rendering. */
type LcpParts = { element: string; ttfb: number; loadDelay: number; loadDuration: number; renderDelay: number };

interface MeasuredPage {
  name: string;
  /** The app path to open, found on the running demo (ids differ from one seed to the next). */
  path: (page: Page, origin: string) => Promise<string>;
  /** What a merchant does first on the page: the interaction INP is measured on. */
  interact: (page: Page) => Promise<void>;
}

/** Collects the figures as web-vitals reports them, every change included, on window.__vitals. */
const COLLECT = `${WEB_VITALS}
window.__vitals = { lcp: null, cls: null, inp: null, lcpParts: null, clsShift: null };
webVitals.onLCP((metric) => {
  const a = metric.attribution;
  window.__vitals.lcp = metric.value;
  window.__vitals.lcpParts = { element: a.target || "", ttfb: a.timeToFirstByte, loadDelay: a.resourceLoadDelay, loadDuration: a.resourceLoadDuration, renderDelay: a.elementRenderDelay };
}, { reportAllChanges: true });
webVitals.onCLS((metric) => {
  window.__vitals.cls = metric.value;
  const a = metric.attribution;
  if (a && a.largestShiftTarget) window.__vitals.clsShift = a.largestShiftTarget + " at " + Math.round(a.largestShiftTime) + " ms (" + a.loadState + ")";
}, { reportAllChanges: true });
webVitals.onINP((metric) => { window.__vitals.inp = metric.value; }, { reportAllChanges: true, durationThreshold: 0 });`;

const typeInto = (label: RegExp) => async (page: Page) => {
  const field = page.getByLabel(label).first();
  await field.click();
  await field.pressSequentially("Spring", { delay: 30 });
};

const firstLink = (list: string, pattern: RegExp) => async (page: Page, origin: string) => {
  await open(page, origin, list);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const found = hrefs.map((href) => new URL(href, origin).pathname).find((pathname) => pattern.test(pathname));
  if (!found) throw new Error(`No link matching ${pattern} on ${list}`);
  return found;
};

const PAGES: MeasuredPage[] = [
  { name: "Dashboard", path: async () => "/app", interact: async (page) => page.getByRole("button", { name: /Change period/ }).click() },
  { name: "Coupon pool", path: firstLink("/app/pools", /^\/app\/pools\/\d+$/), interact: typeInto(/^Search coupons$/) },
  { name: "Campaign editor (new)", path: async () => "/app/campaigns/new", interact: typeInto(/^(Campaign )?name$/i) },
  { name: "Campaign editor (existing)", path: firstLink("/app/campaigns", /^\/app\/campaigns\/\d+$/), interact: typeInto(/^(Campaign )?name$/i) },
  { name: "Analytics", path: async () => "/app/analytics", interact: async (page) => page.getByRole("button", { name: /Change period/ }).click() },
];

/**
 * This machine has no internet: a request to Shopify's CDN (the Inter font's stylesheet, empty-state
 * images) would hang on DNS and hold the page's render for as long as Chromium waits. Each is
 * answered at once with nothing instead, as a warm cache would answer it (the font then is the
 * fallback one), so the figures are the app's own and the same from run to run.
 */
async function answerOfflineHosts(context: BrowserContext) {
  await context.route(/^https?:\/\/(?!localhost[:/])/, (route) => {
    const type = route.request().resourceType();
    return route.fulfill({ status: type === "stylesheet" ? 200 : 404, contentType: type === "stylesheet" ? "text/css" : "text/plain", body: "" });
  });
}

async function open(page: Page, origin: string, appPath: string) {
  // "/" is the demo's entry: it signs the merchant in and answers with the embedded app's URL
  // (the path with host, shop and a fresh session token), the URL the Shopify admin's frame
  // loads. The page loads that URL directly, so the figures hold no demo-only redirect.
  const entry = await page.request.get(`${origin}/?to=${encodeURIComponent(appPath)}`, { maxRedirects: 0 });
  const location = entry.headers()["location"];
  if (!location) throw new Error(`The demo did not sign in for ${appPath} (status ${entry.status()})`);
  await page.goto(new URL(location, origin).href, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
}

async function measure(context: BrowserContext, origin: string, appPath: string, target: MeasuredPage): Promise<Vitals> {
  const page = await context.newPage();
  if (CPU_SLOWDOWN > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  }
  await open(page, origin, appPath);
  await target.interact(page);
  await page.waitForTimeout(500);
  const vitals = await page.evaluate(() => (window as unknown as { __vitals: Vitals }).__vitals);
  await page.close();
  return vitals;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

function summarise(runs: Vitals[], key: "lcp" | "cls" | "inp") {
  const values = runs.map((run) => run[key]).filter((value): value is number => value !== null);
  if (values.length === 0) return { worst: null, median: null };
  return { worst: Math.max(...values), median: median(values) };
}

const show = (value: number | null, unit: "ms" | "") => (value === null ? "n/a" : unit === "ms" ? `${Math.round(value)} ms` : value.toFixed(3));

async function main() {
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "promoguard-bench-web-"));
  const demo = await startDemo({ port: await freePort(), dataDir, reset: true, production: true, flowJourney: true });
  // The Flow journey fills the newsletter pool and places orders, so the pool and analytics pages have data.
  await demo.flowJourney;
  const browser = await launchChromium();
  const failures: string[] = [];
  try {
    console.info(`bench:web — production build, ${RUNS} cold loads per page, CPU slowdown ×${CPU_SLOWDOWN}, Chromium ${browser.version()}`);
    console.info("Requests off this machine (Shopify's CDN: the Inter font, images) are answered at once with nothing.");
    console.info(`targets: LCP ≤ ${TARGETS.lcp} ms, CLS ≤ ${TARGETS.cls}, INP ≤ ${TARGETS.inp} ms (worst run must meet them)\n`);
    const slowest: [string, LcpParts | null][] = [];
    const shifts: [string, string][] = [];
    const rows: string[][] = [["page", "LCP worst / median", "CLS worst / median", "INP worst / median", "meets targets"]];
    const only = process.env.BENCH_PAGES?.toLowerCase();
    for (const target of PAGES.filter((page) => !only || only.split(",").some((name) => page.name.toLowerCase().includes(name.trim())))) {
      const finder = await browser.newContext(MERCHANT_BROWSER);
      const appPath = await target.path(await finder.newPage(), demo.url);
      await finder.close();
      const runs: Vitals[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext(MERCHANT_BROWSER);
        await context.addInitScript({ content: COLLECT });
        await answerOfflineHosts(context);
        runs.push(await measure(context, demo.url, appPath, target));
        await context.close();
      }
      const lcp = summarise(runs, "lcp");
      const shifted = runs.reduce((worst, run) => ((run.cls ?? 0) > (worst.cls ?? 0) ? run : worst));
      if (shifted.clsShift && (shifted.cls ?? 0) > 0.01) shifts.push([target.name, `${shifted.cls?.toFixed(3)}: ${shifted.clsShift}`]);
      slowest.push([target.name, runs.reduce((worst, run) => ((run.lcp ?? 0) > (worst.lcp ?? 0) ? run : worst)).lcpParts]);
      const cls = summarise(runs, "cls");
      const inp = summarise(runs, "inp");
      const misses = [
        lcp.worst === null || lcp.worst > TARGETS.lcp ? "LCP" : null,
        cls.worst === null || cls.worst > TARGETS.cls ? "CLS" : null,
        inp.worst === null || inp.worst > TARGETS.inp ? "INP" : null,
      ].filter(Boolean);
      if (misses.length > 0) failures.push(`${target.name}: ${misses.join(", ")}`);
      rows.push([
        `${target.name} (${appPath})`,
        `${show(lcp.worst, "ms")} / ${show(lcp.median, "ms")}`,
        `${show(cls.worst, "")} / ${show(cls.median, "")}`,
        `${show(inp.worst, "ms")} / ${show(inp.median, "ms")}`,
        misses.length === 0 ? "yes" : `no (${misses.join(", ")})`,
      ]);
    }
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    for (const row of rows) console.info(row.map((cell, column) => cell.padEnd(widths[column])).join("  "));
    console.info("\nWhere the slowest LCP of each page went (server response, waiting, fetching, rendering after it):");
    for (const [name, parts] of slowest) {
      if (!parts) continue;
      const ms = (value: number) => `${Math.round(value)} ms`;
      console.info(
        `  ${name}: ${parts.element || "(no element)"} — server ${ms(parts.ttfb)}, wait ${ms(parts.loadDelay)}, fetch ${ms(parts.loadDuration)}, render ${ms(parts.renderDelay)}`,
      );
    }
    if (shifts.length > 0) console.info("\nThe largest layout shift of each page's worst CLS run:");
    for (const [name, shift] of shifts) console.info(`  ${name}: ${shift}`);
  } finally {
    await browser.close();
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.error(`\nMissed targets — ${failures.join("; ")}`);
    process.exitCode = 1;
  }
}

await main();
process.exit(process.exitCode ?? 0);

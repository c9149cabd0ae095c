// axe-core on every page a browser test visits: each full page load is scanned as it settles,
// and a test can scan a state it reaches without a load (an open modal, a client-side
// navigation) with `scan`. A serious or critical violation fails the test when the page's
// session closes, naming the rule, the page and the elements.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

export interface AxeFinding {
  url: string;
  label: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

// Every page fails on them: the admin pages are PromoGuard's, and the demo's storefront,
// checkout and thank-you pages carry its shopper-facing extensions (the spend-more bar, the
// checkout messages) inside the demo's stand-ins for what Shopify renders.
const FAILING = new Set(["serious", "critical"]);

export interface AccessibilityWatch {
  /** Scans the page as it is now. */
  scan(label?: string): Promise<void>;
  /** Pages scanned and every serious or critical finding so far. */
  report(): { scanned: number; findings: AxeFinding[]; counts: Record<string, number> };
  /** Waits for the scans in flight; throws when any found a serious or critical violation. */
  assertClean(): Promise<void>;
}

const watches = new WeakMap<Page, AccessibilityWatch>();

/** Scans the page if a watch is on it (saveScreenshot calls this: a screenshot marks a settled state). */
export async function scanIfWatched(page: Page, label: string) {
  await watches.get(page)?.scan(label);
}

export function watchAccessibility(page: Page): AccessibilityWatch {
  const findings: AxeFinding[] = [];
  const counts: Record<string, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  const scanned = new Set<string>();
  const inFlight = new Set<Promise<void>>();

  async function scan(label = "") {
    const url = page.url();
    if (!url.startsWith("http")) return;
    let results;
    try {
      await page.waitForLoadState("load");
      results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    } catch (error) {
      // The page navigated away mid-scan: the next load is scanned instead.
      if (/Execution context was destroyed|Target page, context or browser has been closed|navigat/i.test(String(error))) return;
      throw error;
    }
    scanned.add(url);
    for (const violation of results.violations) {
      const impact = violation.impact ?? "minor";
      counts[impact] = (counts[impact] ?? 0) + violation.nodes.length;
      if (!FAILING.has(impact)) continue;
      findings.push({ url, label, rule: violation.id, impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(" ")) });
    }
  }

  // One axe run at a time on a page (axe refuses a second while one runs): scans queue up.
  let last: Promise<void> = Promise.resolve();
  const track = (label?: string) => {
    const running = last.then(() => scan(label)).finally(() => inFlight.delete(running));
    last = running.catch(() => undefined);
    inFlight.add(running);
    return running;
  };

  page.on("load", () => {
    // Let the page hydrate and render before looking at it.
    void track("load");
  });

  const watch: AccessibilityWatch = {
    scan: (label) => track(label),
    report: () => ({ scanned: scanned.size, findings: [...findings], counts: { ...counts } }),
    async assertClean() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      const unique = new Map(findings.map((finding) => [`${finding.rule} ${new URL(finding.url).pathname} ${finding.targets.join(",")}`, finding]));
      if (unique.size === 0) return;
      const lines = [...unique.values()].map(
        (finding) =>
          `${finding.impact} ${finding.rule} on ${new URL(finding.url).pathname}${finding.label ? ` (${finding.label})` : ""}: ${finding.help} — ${finding.targets.slice(0, 5).join(" | ")}`,
      );
      throw new Error(`Accessibility (axe): ${unique.size} serious or critical violations:\n${lines.join("\n")}`);
    },
  };
  watches.set(page, watch);
  return watch;
}

/**
 * axe-core run in the page under test: the WCAG 2.1 A and AA rules (best-practice rules left out:
 * they are advice, not the bar issue 13 sets). axe walks open shadow roots from the document, so the
 * widget's panel and the Help Center's app are checked with the page around them.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeReport {
  /** Each broken rule with the nodes that break it, short enough to read in a failing assertion. */
  violations: { rule: string; help: string; nodes: string[] }[];
  /** Every node a rule passed or broke, as its selector path (shadow hosts joined by " >> "). */
  checked: string[];
}

const selectorOf = (target: unknown[]) => target.map((part) => (Array.isArray(part) ? part.join(' >> ') : String(part))).join(' | ');

export async function runAxe(page: Page): Promise<AxeReport> {
  // The page's own CSP would refuse an inline script: the tests open their pages with bypassCSP.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    WCAG_21_AA,
  );
  return {
    violations: results.violations.map((rule) => ({
      rule: rule.id,
      help: rule.help,
      nodes: rule.nodes.map((node) => `${selectorOf(node.target)}: ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
    })),
    checked: [...results.passes, ...results.violations].flatMap((rule) => rule.nodes.map((node) => selectorOf(node.target))),
  };
}

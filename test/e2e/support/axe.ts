/**
 * axe-core run in the page under test: the WCAG 2.1 A and AA rules (best-practice rules left out:
 * they are advice, not the bar issue 13 sets). axe walks open shadow roots from the document, so the
 * widget's panel and the Help Center's app are checked with the page around them.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe decides colour contrast from a grid of what is painted where, and builds that grid by walking
 * from <body> only (axe-core's create-grid.js). The widget's element hangs on <html>, outside <body>
 * (widget/loader.ts: a transformed or clipped body would trap its fixed panel), so axe found none of
 * the widget's nodes in its grid and answered "incomplete" for every text in it. The axe the pages
 * get walks from <html> instead (skipping <html> itself, which axe adds first on its own).
 */
const GRID_FROM_BODY = [
  'var root = arguments.length > 0 && arguments[0] !== undefined ? arguments[0] : document.body;',
  'var node = parentVNode ? treeWalker.nextNode() : treeWalker.currentNode;',
];
const GRID_FROM_HTML = [
  'var root = arguments.length > 0 && arguments[0] !== undefined ? arguments[0] : document.documentElement;',
  'var node = parentVNode || root === document.documentElement ? treeWalker.nextNode() : treeWalker.currentNode;',
];
const axeSource = GRID_FROM_BODY.reduce((source, line, index) => {
  // A new axe-core that builds its grid differently must be looked at again, not silently run unpatched.
  if (source.split(line).length !== 2) throw new Error(`axe-core ${axe.version}: its grid code changed; see test/e2e/support/axe.ts`);
  return source.replace(line, GRID_FROM_HTML[index]);
}, axe.source);

export interface AxeReport {
  /** Each broken rule with the nodes that break it, short enough to read in a failing assertion. */
  violations: { rule: string; help: string; nodes: string[] }[];
  /**
   * Colour contrast axe could not decide (text over an image, a node it could not see, one partly
   * covered): each of these is a contrast nobody checked, so it fails the bar like a violation.
   */
  undecidedContrast: string[];
  /** Every node a rule passed or broke, as its selector path (shadow hosts joined by " >> "). */
  checked: string[];
}

const selectorOf = (target: unknown[]) => target.map((part) => (Array.isArray(part) ? part.join(' >> ') : String(part))).join(' | ');

export async function runAxe(page: Page): Promise<AxeReport> {
  // The page's own CSP would refuse an inline script: the tests open their pages with bypassCSP.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
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
    undecidedContrast: results.incomplete
      .filter((rule) => rule.id === 'color-contrast')
      .flatMap((rule) => rule.nodes.map((node) => `${selectorOf(node.target)}: ${node.any[0]?.message ?? ''}`)),
    checked: [...results.passes, ...results.violations].flatMap((rule) => rule.nodes.map((node) => selectorOf(node.target))),
  };
}

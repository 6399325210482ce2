/**
 * axe-core, run inside the page under test (Chromium through playwright-core). The browser tests
 * hold every page to "no serious or critical violation"; minor and moderate ones are left to the
 * reports, as axe's own triage suggests.
 */
import axe, { type AxeResults } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

/** One violation as a line a person can act on: rule, impact, what is wrong and where. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

const BLOCKING = new Set(['serious', 'critical']);

/**
 * The serious and critical violations on the page (or frame) as it stands now. Call it once the
 * content worth checking is on screen: axe checks what is rendered, nothing that comes later.
 */
export async function seriousAxeViolations(target: Page | Frame): Promise<AxeFinding[]> {
  const present = await target.evaluate(() => 'axe' in window);
  // Evaluated, not added as a <script>: the page's Content-Security-Policy refuses inline scripts,
  // and DevTools evaluation is outside it.
  if (!present) await target.evaluate(axe.source);
  const results = (await target.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
  )) as AxeResults;
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

/** Whether the page scrolls sideways: its content wider than its viewport (390 px phones). */
export async function scrollsSideways(
  target: Page | Frame,
): Promise<{ scrollWidth: number; clientWidth: number } | null> {
  const size = await target.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  return size.scrollWidth > size.clientWidth ? size : null;
}

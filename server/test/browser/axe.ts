import type { AxeResults } from 'axe-core';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

const AXE_PATH = resolve(process.cwd(), '../node_modules/axe-core/axe.min.js');

/**
 * Serious and critical WCAG 2.1 A/AA (and best-practice) violations on the page once its transitions
 * have ended (a dialog fading in is half transparent, and its contrast would be measured mid-way).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running'),
    undefined,
    {
      timeout: 5000,
    },
  );
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }
    ).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return violations;
}

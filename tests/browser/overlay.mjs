// The error overlay of `mentorfolio serve` in headless Chromium, in the light and the dark
// colour scheme: axe-core's color-contrast rule finds no violation inside the overlay, so
// its file:line, message and hint are readable on any page. Usage: node overlay.mjs URL
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { launchChromium } from './harness.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const [url] = process.argv.slice(2);
const browser = await launchChromium();
const problems = [];
let checked = 0;
for (const scheme of ['light', 'dark']) {
  const page = await browser.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#mentorfolio-error-overlay', { timeout: 20000 });
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run(
    { include: [['#mentorfolio-error-overlay']] },
    { runOnly: { type: 'rule', values: ['color-contrast'] } },
  ));
  checked += result.passes.reduce((n, r) => n + r.nodes.length, 0);
  for (const v of result.violations) {
    for (const n of v.nodes) problems.push(`${scheme}: ${v.id} on ${n.target.join(' ')}: ${n.failureSummary}`);
  }
  for (const v of result.incomplete) {
    for (const n of v.nodes) problems.push(`${scheme}: ${v.id} could not be judged on ${n.target.join(' ')}: ${n.any.map((c) => c.message).join('; ')}`);
  }
  await page.close();
}
await browser.close();
console.log(`overlay contrast: ${checked} elements checked in light and dark, ${problems.length} problems`);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);

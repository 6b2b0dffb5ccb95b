// `mentorfolio serve --protected` in headless Chromium: the page unlocks, keeps the live
// reload client, and when a journal file changes it reloads and opens again without
// asking. Usage: node protect-live.mjs URL PASSPHRASE FILE_TO_EDIT
import { appendFileSync } from 'node:fs';
import { launchChromium } from './harness.mjs';

const [url, passphrase, file] = process.argv.slice(2);
const browser = await launchChromium();
const problems = [];
const page = await browser.newPage();
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
await page.goto(url);
await page.waitForSelector('#mentorfolio-unlock:not([hidden])');
await page.fill('#mentorfolio-passphrase', passphrase);
await page.click('button[type=submit]');
await page.waitForSelector('.site-title');
if (!(await page.evaluate(() => !!document.getElementById('mentorfolio-live-reload')))) {
  problems.push('the unlocked page lost the live reload client');
}
await page.evaluate(() => { window.beforeTheEdit = true; });
appendFileSync(file, '\nA line added while serving.\n');
await page.waitForFunction(() => window.beforeTheEdit === undefined
  && document.querySelector('.site-title') !== null, null, { timeout: 20000 });
await browser.close();
console.log(`protected serve: reloaded after an edit, ${problems.length} problems`);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);

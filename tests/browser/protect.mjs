// A protected site in headless Chromium: axe-core on the lock screen (light and dark), a
// wrong passphrase leaves it locked with a message, the right one unlocks (timed), a
// second page opens without asking, "Lock" forgets the key, nothing is fetched from
// outside the site; "remember on this device" keeps the key for a new tab until "Lock".
// Usage: node protect.mjs SITE_DIR PORT PREFIX PASSPHRASE
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { launchChromium, serveSite } from './harness.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const [siteDir, port, prefix, passphrase] = process.argv.slice(2);
const origin = `http://127.0.0.1:${port}`;
const server = await serveSite(siteDir, port, prefix);

const browser = await launchChromium();
const problems = [];
const check = (ok, what) => { if (!ok) problems.push(what); };

// The lock screen passes axe in both colour schemes.
for (const scheme of ['light', 'dark']) {
  const context = await browser.newContext({ colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(`${origin}${prefix}`);
  await page.waitForSelector('#mentorfolio-unlock:not([hidden])');
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  for (const v of result.violations) {
    if (v.impact === 'serious' || v.impact === 'critical') problems.push(`lock screen (${scheme}): axe ${v.impact} ${v.id}: ${v.help}`);
  }
  await context.close();
}

const context = await browser.newContext();
const page = await context.newPage();
page.on('request', (r) => {
  if (!r.url().startsWith(`${origin}${prefix}`)) problems.push(`requests ${r.url()}`);
});
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
await page.goto(`${origin}${prefix}`);
await page.waitForSelector('#mentorfolio-unlock:not([hidden])');
check(await page.evaluate(() => document.activeElement.id) === 'mentorfolio-passphrase', 'the passphrase field has focus');

// A wrong passphrase, by keyboard: locked, with a message.
await page.keyboard.type('not the passphrase at all');
await page.keyboard.press('Enter');
await page.waitForFunction(() => document.getElementById('mentorfolio-status').textContent !== '');
const message = await page.textContent('#mentorfolio-status');
check(/not right/.test(message), `wrong passphrase message: ${message}`);
check(await page.$('.site-title') === null, 'a wrong passphrase unlocked the page');

// The right one unlocks.
await page.fill('#mentorfolio-passphrase', passphrase);
const started = Date.now();
await page.click('button[type=submit]');
await page.waitForSelector('.site-title');
const unlockMs = Date.now() - started;
check(await page.evaluate(() => Object.keys(sessionStorage).length) === 1, 'the key is kept for the visit');
check(await page.evaluate(() => Object.keys(localStorage).length) === 0, 'the key stays off the device unless asked');
check(!(await page.evaluate(() => JSON.stringify(sessionStorage))).includes(passphrase), 'the passphrase itself is not kept');

// A second page opens without asking again.
const unlocked = () => document.querySelector('.site-title') !== null && document.getElementById('mentorfolio-unlock') === null;
const link = await page.getAttribute('nav a[href*="/p/"]', 'href');
await page.click('nav a[href*="/p/"]');
await page.waitForURL(`${origin}${link}`);
await page.waitForFunction(unlocked);
check(link.includes('/p/'), `second page at an opaque address: ${link}`);

// "Lock" forgets the key: the page is locked again, and so is the next one.
await page.click('[data-mentorfolio-lock]');
await page.waitForSelector('#mentorfolio-unlock:not([hidden])');
check(await page.evaluate(() => Object.keys(sessionStorage).length) === 0, 'lock forgot the key');
await page.goto(`${origin}${prefix}`);
await page.waitForSelector('#mentorfolio-unlock:not([hidden])');

await context.close();

// "Remember on this device": a new tab opens without asking, until "Lock".
const device = await browser.newContext();
const first = await device.newPage();
await first.goto(`${origin}${prefix}`);
await first.waitForSelector('#mentorfolio-unlock:not([hidden])');
await first.fill('#mentorfolio-passphrase', passphrase);
await first.check('#mentorfolio-remember');
await first.click('button[type=submit]');
await first.waitForSelector('.site-title');
const tab = await device.newPage();
await tab.goto(`${origin}${prefix}`);
await tab.waitForFunction(unlocked);
await tab.click('[data-mentorfolio-lock]');
await tab.waitForSelector('#mentorfolio-unlock:not([hidden])');
check(await tab.evaluate(() => Object.keys(localStorage).length) === 0, 'lock forgot the remembered key');
await device.close();

await browser.close();
server.close();
console.log(`protected site: unlocked in ${unlockMs} ms, ${problems.length} problems`);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);

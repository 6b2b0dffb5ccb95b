// The search field in headless Chromium: typing a word that occurs in one old meeting
// lists a link to that meeting, with the passage marked, and following it opens the
// meeting; nothing is fetched from outside the site and nothing goes to the console.
// Without JavaScript the form leads to the list of meetings. On a protected site the
// page is unlocked first and the sealed index opens with the kept key.
// Usage: node search.mjs SITE_DIR PORT PREFIX WORD TITLE [PASSPHRASE]
import { launchChromium, serveSite } from './harness.mjs';

const [siteDir, port, prefix, word, title, passphrase] = process.argv.slice(2);
const origin = `http://127.0.0.1:${port}`;
const server = await serveSite(siteDir, port, prefix);

const browser = await launchChromium();
const problems = [];
const check = (ok, what) => { if (!ok) problems.push(what); };

async function watched(context) {
  const page = await context.newPage();
  page.on('request', (r) => check(r.url().startsWith(origin), `request outside the site: ${r.url()}`));
  page.on('response', (r) => check(r.status() < 400, `${r.status()} for ${r.url()}`));
  page.on('console', (m) => check(m.type() !== 'error' || /Failed to load resource/.test(m.text()), `console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  return page;
}

const context = await browser.newContext();
const page = await watched(context);
await page.goto(`${origin}${prefix}`);
if (passphrase) {
  await page.waitForSelector('#mentorfolio-unlock:not([hidden])');
  await page.fill('#mentorfolio-passphrase', passphrase);
  await page.click('#mentorfolio-unlock button');
}
await page.waitForSelector('#site-search-words', { timeout: 30000 });
const indexFetches = [];
page.on('request', (r) => { if (r.url().includes('search.json')) indexFetches.push(r.url()); });
await page.fill('#site-search-words', word);
let link = null;
try {
  link = await page.waitForSelector(`#site-search-results a:text-is("${title}")`, { timeout: 10000 });
} catch {
  problems.push(`typing "${word}" listed no link "${title}": ${await page.textContent('#site-search-results').catch(() => '(no results box)')}`);
}
if (link) {
  const marked = await page.$$eval('#site-search-results mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
  check(marked.includes(word.toLowerCase()), `the passage does not mark "${word}": ${marked}`);
  // The passage starts and ends with whole words of the page's text.
  const quoted = await page.$eval('#site-search-results li p', (p) => p.textContent);
  const core = quoted.replace(/^…/, '').replace(/…$/, '');
  if (!passphrase) {
    const manifest = await (await fetch(`${origin}${prefix}search.json`)).json();
    const texts = [];
    for (const part of manifest.parts) {
      for (const d of await (await fetch(`${origin}${part}`)).json()) texts.push(d[4]);
    }
    const whole = texts.some((t) => {
      const i = t.indexOf(core);
      return i >= 0 && (i === 0 || /\s/.test(t[i - 1])) && (i + core.length === t.length || /\s/.test(t[i + core.length]));
    });
    check(whole, `the passage cuts a word: "${quoted}"`);
  }
  // More typing searches the index already loaded.
  await page.fill('#site-search-words', `${word} ${word.slice(0, 3)}`);
  await page.waitForTimeout(400);
  check(indexFetches.length === 1, `the index was fetched ${indexFetches.length} times`);
  await page.fill('#site-search-words', word);
  await page.waitForTimeout(400);
  const again = page.locator(`#site-search-results a:text-is("${title}")`);
  await Promise.all([page.waitForNavigation(), again.click()]);
  if (passphrase) await page.waitForSelector('.site-header', { timeout: 30000 });
  const heading = await page.textContent('main h1');
  check(heading && title.startsWith(heading.trim()),
    `the result led to a page headed "${heading}", not "${title}"`);
}
const nothing = 'zzqxwv';
await page.fill('#site-search-words', nothing);
await page.waitForFunction(() => /No page has/.test(document.getElementById('site-search-results').textContent));
await context.close();

// Without JavaScript the button opens the list of meetings (a locked page cannot be read
// without JavaScript at all).
if (!passphrase) {
  const off = await browser.newContext({ javaScriptEnabled: false });
  const plain = await off.newPage();
  await plain.goto(`${origin}${prefix}`);
  check(await plain.isVisible('.search-note'), 'no note says what the field does without JavaScript');
  await Promise.all([plain.waitForNavigation(), plain.click('.site-search button')]);
  check(new URL(plain.url()).pathname === `${prefix}meetings/`, `without JavaScript the field led to ${plain.url()}`);
  await off.close();
}

await browser.close();
server.close();
for (const p of problems) console.log(`problem: ${p}`);
console.log(`search${passphrase ? ' (protected)' : ''}: "${word}", ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);

// Checks every page of a built site in headless Chromium: axe-core finds no serious or
// critical violation in light and dark colour schemes, no page requests anything outside
// the site, no console errors, no horizontal scroll on a 390 px phone. Writes screenshots
// of the dashboard. The review page's Reply links must write to MAILTO and open issues in
// the GitHub REPOSITORY (OWNER/NAME) when given.
// Usage: node run.mjs SITE_DIR PORT PREFIX SCREENSHOT_DIR [MAILTO [REPOSITORY]]
import { readFile, readdir, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { launchChromium, serveSite } from './harness.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const [siteDir, port, prefix, shots, mailto, repository] = process.argv.slice(2);
const origin = `http://127.0.0.1:${port}`;

const server = await serveSite(siteDir, port, prefix);

async function htmlFiles(dir, rel = '') {
  const out = [];
  for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await htmlFiles(dir, r)));
    else if (e.name.endsWith('.html')) out.push(r);
  }
  return out.sort();
}

const browser = await launchChromium();

const problems = [];
const counts = { pages: 0, runs: 0, violations: 0 };
for (const scheme of ['light', 'dark']) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 390, height: 844 } });
  for (const file of await htmlFiles(siteDir)) {
    const page = await context.newPage();
    const url = `${origin}${prefix}${file.replace(/index\.html$/, '')}`;
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(`${origin}${prefix}`) && !u.startsWith('data:')) problems.push(`${file} (${scheme}): requests ${u}`);
    });
    page.on('console', (m) => { if (m.type() === 'error' && !(file === '404.html')) problems.push(`${file} (${scheme}): console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${file} (${scheme}): page error: ${e.message}`));
    const response = await page.goto(url, { waitUntil: 'load' });
    const expected = file === '404.html' ? 404 : 200;
    if (!response || (response.status() !== expected && file !== '404.html')) problems.push(`${file}: HTTP ${response && response.status()}`);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scroll > 390) problems.push(`${file} (${scheme}): ${scroll}px wide on a 390px phone`);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    for (const v of result.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') {
        counts.violations += 1;
        problems.push(`${file} (${scheme}): axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
    counts.runs += 1;
    if (scheme === 'light') counts.pages += 1;
    await page.close();
  }
  await context.close();
}

await mkdir(shots, { recursive: true });
for (const scheme of ['light', 'dark']) {
  for (const [name, width] of [['phone', 390], ['desktop', 1280]]) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${origin}${prefix}`);
    await page.screenshot({ path: join(shots, `dashboard-${name}-${scheme}.png`), fullPage: true });
    await page.goto(`${origin}${prefix}review/`);
    await page.screenshot({ path: join(shots, `review-${name}-${scheme}.png`), fullPage: true });
    await context.close();
  }
}

// The review page's Reply links, as the browser reads them: each a mailto: URL to the
// mentee or a new GitHub issue in the journal's repository, whose subject names the item
// it sits beside and the date of that item's meeting, and whose body quotes the item's
// words, all decoding as RFC 6068 and the URL standard ask.
const replies = { valid: 0, mail: 0, github: 0 };
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}${prefix}review/`);
  const links = await page.$$eval('.reply a', (as) => as.map((a) => {
    const item = a.closest('li');
    return {
      href: a.getAttribute('href'),
      label: a.getAttribute('aria-label'),
      // The words of the item the link answers, without the links themselves.
      item: item ? [...item.childNodes]
        .filter((n) => !(n.classList && n.classList.contains('reply')))
        .map((n) => n.textContent).join('') : null,
      meetings: item ? [...item.querySelectorAll('a[href*="/meetings/"]')].map((m) => m.getAttribute('href')) : [],
    };
  }));
  const squash = (s) => s.replace(/\s+/g, ' ').trim();
  for (const l of links) {
    try {
      const url = new URL(l.href);
      const mail = url.protocol === 'mailto:';
      const subject = url.searchParams.get(mail ? 'subject' : 'title');
      const body = url.searchParams.get('body') ?? '';
      if (mail) {
        const to = decodeURIComponent(url.pathname);
        if (!to.includes('@') || (mailto && to !== mailto)) throw new Error(`to ${to}`);
        replies.mail += 1;
      } else {
        const path = `/${repository}/issues/new`;
        if (url.origin !== 'https://github.com' || !repository || url.pathname !== path) {
          throw new Error('neither mailto: nor a new issue in the repository');
        }
        if (subject === null || !url.searchParams.has('body')) throw new Error('no title or body');
        replies.github += 1;
      }
      if (!subject?.startsWith('Re: ') || l.label?.split(': ').slice(1).join(': ') !== subject) {
        throw new Error(`subject ${subject} does not match the link's name ${l.label}`);
      }
      if (body && !/^> [^\n]+\r\n/.test(body)) throw new Error(`body ${JSON.stringify(body)}`);
      if (l.item !== null) {
        // An item's reply names it, quotes it and dates it by its meeting.
        const words = squash(body.split('\r\n')[0].slice(2).replace(/…$/, ''));
        if (!words || !squash(l.item).includes(words)) {
          throw new Error(`body quotes ${JSON.stringify(words)}, not the item ${JSON.stringify(squash(l.item))}`);
        }
        const named = subject.match(/“(.*?)…?” \(meeting of (\d{4}-\d{2}-\d{2})\)$/);
        if (!named || !squash(l.item).includes(squash(named[1]))) throw new Error(`subject ${subject} names another item`);
        if (!l.meetings.some((m) => m.includes(`/meetings/${named[2]}`))) {
          throw new Error(`subject dates the item ${named[2]}, its meeting is ${l.meetings}`);
        }
      } else if (!/^Re: our meeting of \d{4}-\d{2}-\d{2}$/.test(subject)) {
        throw new Error(`subject ${subject}`);
      }
      replies.valid += 1;
    } catch (e) {
      problems.push(`review: reply link ${l.href}: ${e.message}`);
    }
  }
  if (links.length === 0) problems.push('review: no reply links');
  if (mailto && replies.mail === 0) problems.push('review: no mailto: links');
  if (repository && replies.github === 0) problems.push('review: no GitHub links');
  await context.close();
}

await browser.close();
server.close();
console.log(`reply links on the review page: ${replies.valid} valid (${replies.mail} by e-mail, ${replies.github} on GitHub)`);
console.log(`browser: ${counts.pages} pages, ${counts.runs} axe runs (light and dark), ${counts.violations} serious or critical violations, ${problems.length} problems`);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);

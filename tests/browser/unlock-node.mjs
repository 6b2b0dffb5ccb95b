// Runs the inline script of a protected page's lock screen in Node.js, whose WebCrypto is
// the browser's API, with just enough of a document around it: types the passphrase,
// submits, and prints what the script writes as the page. A wrong passphrase prints the
// lock screen's message and exits 1.
// Usage: node unlock-node.mjs PAGE PASSPHRASE
import { readFile } from 'node:fs/promises';

const [page, passphrase] = process.argv.slice(2);
const html = await readFile(page, 'utf8');
const json = html.match(/<script type="application\/json" id="mentorfolio-sealed">([^<]*)<\/script>/)[1];
const script = html.match(/<script>\n([\s\S]*?)<\/script>/)[1];

const element = (props = {}) => ({ hidden: true, value: '', checked: false, textContent: '',
  listeners: {}, addEventListener(type, f) { this.listeners[type] = f; }, focus() {}, select() {},
  querySelector() { return element(); }, ...props });
const elements = {
  'mentorfolio-sealed': element({ textContent: json }),
  'mentorfolio-unlock': element(),
  'mentorfolio-passphrase': element(),
  'mentorfolio-remember': element(),
  'mentorfolio-status': element({ getAttribute(name) {
    const at = html.match(new RegExp(`<p id="mentorfolio-status"[^>]* ${name}="([^"]*)"`));
    return at ? at[1].replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>').replace(/&amp;/g, '&') : null;
  } }),
};
let written = null;
const storage = () => { const m = new Map(); return { getItem: (k) => m.get(k) ?? null,
  setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k) }; };
globalThis.window = globalThis;
globalThis.sessionStorage = storage();
globalThis.localStorage = storage();
globalThis.location = { hash: '', reload() {} };
globalThis.document = {
  readyState: 'complete',
  currentScript: { nextElementSibling: null },
  getElementById: (id) => elements[id] ?? null,
  open() { written = ''; }, write(s) { written += s; }, close() {}, addEventListener() {},
};
new Function(script)();
// Let the first look at storage finish, then type and submit.
await new Promise((ok) => setTimeout(ok, 10));
elements['mentorfolio-passphrase'].value = passphrase;
await elements['mentorfolio-unlock'].listeners.submit({ preventDefault() {} });
if (written === null) {
  console.log(elements['mentorfolio-status'].textContent);
  process.exit(1);
}
process.stdout.write(written);

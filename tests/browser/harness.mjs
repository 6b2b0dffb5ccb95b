// What every browser check shares: Debian's Chromium, launched headless and kept off the
// network, and a static server like GitHub Pages for a built site.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { chromium } from 'playwright-core';

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.xml': 'application/xml', '.ics': 'text/calendar', '.png': 'image/png', '.ico': 'image/x-icon',
  '.js': 'text/javascript', '.json': 'application/json', '.woff2': 'font/woff2',
  '.jpg': 'image/jpeg', '.txt': 'text/plain',
};

async function exists(p) {
  try { return (await stat(p)).isFile(); } catch { return false; }
}

// Serves SITE_DIR at http://127.0.0.1:PORT/PREFIX (a static server like GitHub Pages:
// `dir/` serves `dir/index.html`, a missing file gets the site's 404 page) until the
// returned server is closed.
export async function serveSite(siteDir, port, prefix) {
  const origin = `http://127.0.0.1:${port}`;
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, origin).pathname);
    if (!path.startsWith(prefix)) { res.writeHead(404); return res.end('outside the site'); }
    path = join(siteDir, path.slice(prefix.length));
    if (path.endsWith('/')) path = join(path, 'index.html');
    if (!(await exists(path)) && (await exists(join(path, 'index.html')))) path = join(path, 'index.html');
    if (!(await exists(path))) {
      res.writeHead(404, { 'content-type': types['.html'] });
      return res.end(await readFile(join(siteDir, '404.html')));
    }
    res.writeHead(200, { 'content-type': types[extname(path)] || 'application/octet-stream' });
    res.end(await readFile(path));
  });
  await new Promise((ok) => server.listen(Number(port), '127.0.0.1', ok));
  return server;
}

// Debian's Chromium, headless, with nothing that reaches the network by itself.
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// The storefront's budget: our JS + CSS on its first load at most 60 KB gzipped (issue 13). Deterministic: it
// reads what web/build made (dist/index.html and the assets it links, with what they import), gzips each file,
// and fails over budget. Prints the figure, which docs/benchmarks.md records.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET = 60 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;

/** The files a page loads first: its scripts and stylesheets, and the chunks they import statically. */
function firstLoad(page) {
  const html = readFileSync(join(dist, page), 'utf8');
  const seen = new Set();
  const queue = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.js')) {
      const code = readFileSync(join(dist, file), 'utf8');
      for (const m of code.matchAll(/from\s*"\.\/([^"]+\.(?:js|css))"|import\s*"\.\/([^"]+\.(?:js|css))"/g)) {
        queue.push(`assets/${m[1] ?? m[2]}`);
      }
    }
  }
  return [...seen];
}

let failed = false;
// The audience's pages are the storefront's too, and keep its budget.
for (const [page, budget] of [['index.html', BUDGET], ['subscribe/index.html', BUDGET], ['unsubscribe/index.html', BUDGET],
  ['privacy/index.html', BUDGET], ['survey/index.html', BUDGET],
  ['dashboard/index.html', null]]) {
  const files = firstLoad(page);
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file)), { level: 9 }).length, 0);
  const kb = (bytes / 1024).toFixed(1);
  if (budget !== null && bytes > budget) {
    console.error(`web: ${page} loads ${kb} KB gzipped of JS + CSS, over its budget of ${budget / 1024} KB`);
    failed = true;
  } else {
    console.log(`web: ${page} first load ${kb} KB gzipped JS + CSS (${files.length} files)${budget ? `, budget ${budget / 1024} KB` : ''}`);
  }
}
process.exit(failed ? 1 : 0);

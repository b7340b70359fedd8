// The storefront during a storm (not part of the test suite; `npm run storm` in web/, a few minutes): three buyers'
// pages watch a drop while `./microdrop crowd` sends 400 buyers in 40 s. Prints what the pages cost the API (catalog
// reads, how many were 304s), how far apart their reads were (never closer than max-age), how stale the stock they
// showed was at the end, and how quickly a page answered a buyer's input throughout. docs/benchmarks.md records it.
import { spawn } from 'node:child_process';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { phone, snap, withBrowser } from '../e2e/browser';
import { base, publish } from '../e2e/drops';
import { openDrop } from '../e2e/shared';

const browser = withBrowser();

const BUYERS = Number(process.env.STORM_BUYERS ?? 400);
const SECONDS = Number(process.env.STORM_SECONDS ?? 40);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
}

describe('the storefront in a storm', () => {
  it('stays usable and reads the catalog at its pace', async () => {
    await publish({ dropId: 'storm', units: 300, holdMinutes: 30, perBuyerLimit: 2 });
    const maxAge = Number(/max-age=(\d+)/.exec((await fetch(`${base()}/drops/storm`)).headers.get('cache-control')!)![1]);
    const pages: { page: Page; reads: { at: number; status: number }[] }[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await (await phone(browser())).newPage();
      const reads: { at: number; status: number }[] = [];
      // When the page asked (its pace), and what came back (200 or 304).
      page.on('requestfinished', async (request) => {
        if (request.url().endsWith('/drops/storm')) {
          reads.push({ at: request.timing().startTime, status: (await request.response())?.status() ?? 0 });
        }
      });
      await openDrop(page, 'storm');
      pages.push({ page, reads });
    }

    const crowd = spawn('bash', ['../microdrop', 'crowd', '--url', base(), '--drop', 'storm', '--buyers', String(BUYERS),
      '--seconds', String(SECONDS), '--seed', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let crowdOut = '';
    crowd.stdout.on('data', (chunk: Buffer) => { crowdOut += chunk.toString(); });
    const finished = new Promise<number>((resolve) => crowd.on('exit', (code) => resolve(code ?? 1)));

    // Throughout the storm, a buyer changes the quantity: how long until the page has taken it.
    const inputMs: number[] = [];
    const started = Date.now();
    while (Date.now() - started < SECONDS * 1000) {
      for (const { page } of pages) {
        const took = await page.evaluate(async () => {
          const input = document.getElementById('quantity') as HTMLInputElement | null;
          if (!input) return NaN;
          const t0 = performance.now();
          input.value = input.value === '1' ? '2' : '1';
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
          return performance.now() - t0;
        });
        if (!Number.isNaN(took)) inputMs.push(took);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(await finished).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, (maxAge + 1) * 1000));

    const truth = await (await fetch(`${base()}/drops/storm`)).json() as { skus: { available: number }[] };
    const shown = await Promise.all(pages.map(({ page }) => page.locator('[data-sku="CAP-1"] .stock').textContent()));
    await snap(pages[0].page, 'storm');
    const reads = pages.flatMap((p) => p.reads);
    const gaps = pages.flatMap(({ reads: r }) => {
      const times = r.map((read) => read.at).sort((a, b) => a - b);
      return times.slice(1).map((at, i) => at - times[i]);
    });
    const figures = {
      crowd: crowdOut.trim().split('\n').pop(),
      pages: pages.length,
      catalogReads: reads.length,
      ok: reads.filter((r) => r.status === 200).length,
      notModified: reads.filter((r) => r.status === 304).length,
      minGapMs: Math.min(...gaps),
      medianGapMs: median(gaps),
      maxAgeSeconds: maxAge,
      inputToFrameMsMedian: Number(median(inputMs).toFixed(1)),
      inputToFrameMsMax: Number(Math.max(...inputMs).toFixed(1)),
      availableAtEnd: truth.skus[0].available,
      pagesShowAtEnd: shown,
    };
    console.log(`storm figures (reproduce: cd web && STORM_BUYERS=${BUYERS} STORM_SECONDS=${SECONDS} npm run storm):`);
    console.log(JSON.stringify(figures, null, 2));
    expect(figures.minGapMs).toBeGreaterThanOrEqual(maxAge * 1000 - 50);
  });
});

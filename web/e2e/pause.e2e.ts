// 5. The merchant pauses the drop from the dashboard; the storefront shows it within the catalog's cache window
//    (max-age, then a 304 or the new state), and shows the drop open again after the resume.
import { describe, expect, it } from 'vitest';
import { phone, snap, withBrowser } from './browser';
import { base, merchantKey, publish } from './drops';
import { openDrop, signedIn } from './shared';

const browser = withBrowser();

describe('pause and resume', () => {
  it('reaches the storefront within its cache window', async () => {
    await publish({ dropId: 'e2e-pause', units: 10 });
    const maxAge = Number(/max-age=(\d+)/.exec((await fetch(`${base()}/drops/e2e-pause`)).headers.get('cache-control')!)![1]);
    const store = await (await phone(browser())).newPage();
    const catalogReads: number[] = [];
    const readTimes: number[] = [];
    // When the browser sent each read (its own clock, not when the event reached this process).
    store.on('requestfinished', (request) => {
      if (request.url().endsWith('/drops/e2e-pause')) {
        readTimes.push(request.timing().startTime);
      }
    });
    store.on('response', (response) => {
      if (response.url().endsWith('/drops/e2e-pause')) {
        catalogReads.push(response.status());
      }
    });
    await openDrop(store, 'e2e-pause');
    expect(await store.locator('#phase').textContent()).toBe('The drop is open.');
    // While nothing changes the catalog answers 304 with no body, and the page stays as it was, usable.
    await expect.poll(() => catalogReads.includes(304)).toBe(true);
    expect(await store.locator('#reserve').isEnabled()).toBe(true);
    expect(await store.locator('[data-sku="CAP-1"] .stock').textContent()).toBe('In stock: 10 left');

    const dashboard = await signedIn(browser(), 'e2e-pause', merchantKey());
    await dashboard.click('#pause');
    await dashboard.click('#confirm-yes');
    const pausedAt = Date.now();
    await expect.poll(() => store.locator('#phase').textContent(), { timeout: (maxAge + 5) * 1000 })
      .toBe('Sales are paused for a moment. Your place in the drop is safe; please check back shortly.');
    // The page read the catalog no faster than max-age, and showed the pause within one window (plus a read).
    expect(Date.now() - pausedAt).toBeLessThanOrEqual((2 * maxAge + 2) * 1000);
    expect(await store.locator('#reserve').isDisabled()).toBe(true);
    await snap(store, '5-paused');

    await expect.poll(() => dashboard.locator('#pause').textContent(), { timeout: 10_000 }).toBe('Resume sales');
    await dashboard.click('#pause');
    await dashboard.click('#confirm-yes');
    await expect.poll(() => store.locator('#phase').textContent(), { timeout: (maxAge + 5) * 1000 }).toBe('The drop is open.');
    readTimes.sort((a, b) => a - b);
    const gaps = readTimes.slice(1).map((at, i) => at - readTimes[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(maxAge * 1000 - 50);
  });
});

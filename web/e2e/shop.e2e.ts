// The dashboard's "Your shop" tab: GET /shop/kpis through the local runtime (what its shop has recorded of the drops
// the other tests played, in sentences), then an empty shop's sentences and the documented seeded history's figures
// (docs/openapi.yaml's example, which ShopKpisIntegrationTest computes from events on DynamoDB Local) served to the
// page; screenshots.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expectAccessible, snap, withBrowser } from './browser';
import { base, merchantKey, publish } from './drops';
import { signedIn } from './shared';

const browser = withBrowser();
const seeded = parse(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8'))
  .paths['/shop/kpis'].get.responses['200'].content['application/json'].examples.twoDrops.value;
const none = { samples: 0 };
const empty = { asOf: seeded.asOf, cohorts: [], drops: [], survey: { answers: 0, promoters: 0, detractors: 0 },
  fulfilment: { pickupOrders: 0, shipOrders: 0, paidToReady: none, readyToCollected: none, paidToShipped: none,
    paidToHandedOver: none } };

describe('the shop on the dashboard', () => {
  it('answers only the merchant, and shows the shop, an empty one too, in sentences', async () => {
    expect((await fetch(`${base()}/shop/kpis`)).status).toBe(401);
    expect((await fetch(`${base()}/shop/kpis`, { method: 'POST',
      headers: { authorization: `Bearer ${merchantKey()}` } })).status).toBe(405);
    await publish({ dropId: 'e2e-shop', units: 10, waves: [100], perBuyerLimit: 2 });
    const page = await signedIn(browser(), 'e2e-shop', merchantKey());

    await page.click('#tab-shop');
    expect(await page.locator('#tab-shop').getAttribute('aria-pressed')).toBe('true');
    await page.locator('#shop-title').waitFor();
    expect(await page.locator('#drop-view').isHidden()).toBe(true);
    // The runtime's own shop: what the other tests' drops left, whatever it is, said in sentences.
    await expect.poll(() => page.locator('#shop-drops tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#shop-survey-sentence').textContent())
      .toMatch(/^(No survey answers yet\.|\d+ answers?: mean score .+)$/);
    expect(await page.locator('body').textContent()).not.toMatch(/[{}"]/);
    await snap(page, 'dashboard-shop-runtime');

    await page.route('**/shop/kpis', (route) => route.fulfill({ status: 200, contentType: 'application/json',
      body: JSON.stringify(empty) }));
    await page.click('#tab-drop');
    await page.click('#tab-shop');
    await expect.poll(() => page.locator('#shop-survey-sentence').textContent()).toBe('No survey answers yet.');
    const cohorts = page.locator('#shop-cohorts');
    expect(await cohorts.evaluate((e) => e.tagName)).toBe('P');
    expect(await cohorts.textContent()).toBe('No purchases yet: a cohort appears with the first paid order.');
    expect(await page.locator('#shop-pickup-share .tile-detail').textContent()).toBe('no paid orders yet');
    await snap(page, 'dashboard-shop-empty');

    await page.unroute('**/shop/kpis');
    await page.route('**/shop/kpis', (route) => route.fulfill({ status: 200, contentType: 'application/json',
      body: JSON.stringify(seeded) }));
    await page.click('#tab-drop');
    await page.click('#tab-shop');
    await expect.poll(() => page.locator('#shop-cohorts tbody tr').count()).toBe(2);
    expect(await page.locator('#shop-cohorts tbody tr').first().textContent()).toBe('March 2026'
      + '4' + '2' + '50.0%');
    expect(await page.locator('#shop-drops tbody tr').first().textContent()).toContain('4 buyers told');
    expect(await page.locator('#shop-drops tbody tr').first().textContent()).toContain('2 of 4 told (50.0%)');
    expect(await page.locator('#shop-handed-over .tile-value').textContent()).toBe('1 d');
    expect(await page.locator('#shop-handed-over .tile-detail').textContent()).toBe('p90 2 d, over 4 orders');
    expect(await page.locator('#shop-pickup-share .tile-value').textContent()).toBe('2 vs 5');
    expect(await page.locator('#shop-survey-sentence').textContent())
      .toBe('3 answers: mean score 8.3 of 10, NPS +33 (2 promoters, 1 detractor)');
    expect(await page.locator('body').textContent()).not.toMatch(/[{}"]/);
    await expectAccessible(page);
    await expect.poll(() => page.evaluate(() => {
      const table = document.querySelector('#shop-drops')!;
      return table.scrollWidth <= table.parentElement!.clientWidth;
    })).toBe(true);
    await snap(page, 'dashboard-shop');
  });
});

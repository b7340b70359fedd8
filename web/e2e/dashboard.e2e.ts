// The dashboard's other actions, each confirmed first: release the next wave now, a flash restock for insiders with
// their links, the orders as CSV; and the ledger paged back in time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { snap, withBrowser } from './browser';
import { base, merchantKey, publish } from './drops';
import { holdThroughApi, signedIn } from './shared';

const browser = withBrowser();

async function pay(orderId: string, intentId: string): Promise<void> {
  expect((await fetch(`${base()}/simulator/payments/${intentId}/succeed`, { method: 'POST' })).status).toBe(200);
  void orderId;
}

describe('the merchant acts from the dashboard', () => {
  it('releases the next wave, restocks for insiders, exports the orders and pages the ledger', async () => {
    await publish({ dropId: 'e2e-actions', units: 40, waves: [50, 50], perBuyerLimit: 1 });
    const orders: string[] = [];
    for (let i = 0; i < 11; i++) {
      const order = await holdThroughApi('e2e-actions', `buyer-${i}@example.com`) as { orderId: string; payment: { intentId: string } };
      await pay(order.orderId, order.payment.intentId);
      orders.push(order.orderId);
    }
    const page = await signedIn(browser(), 'e2e-actions', merchantKey());
    await expect.poll(() => page.locator('#tile-sold .tile-value').textContent()).toBe('11');

    await page.click('#release');
    expect(await page.locator('#confirm-title').textContent()).toBe('Release wave 2 now?');
    await page.click('#confirm-yes');
    await expect.poll(() => page.locator('#note').textContent()).toBe('Wave 2 released.');
    await expect.poll(() => page.locator('#tile-sold .tile-detail').textContent()).toBe('of 40 released, 40 in all');

    await page.selectOption('#flash-sku', 'CAP-1');
    await page.fill('#flash-units', '5');
    await page.fill('#flash-minutes', '10');
    await page.fill('#flash-emails', 'vip@example.com');
    await page.click('#flash-form button[type=submit]');
    await page.click('#confirm-yes');
    await expect.poll(() => page.locator('#note').textContent()).toBe('Restocked 5 × CAP-1.');
    expect(await page.locator('#links input.link').inputValue()).toMatch(/\/\?access=/);
    await expect.poll(() => page.locator('#tile-sold .tile-detail').textContent()).toBe('of 45 released, 45 in all');

    const download = page.waitForEvent('download');
    await page.click('#csv');
    const csv = readFileSync((await (await download).path())!, 'utf8');
    for (const orderId of orders) {
      expect(csv).toContain(orderId);
    }

    await expect.poll(() => page.locator('#ledger-table tbody tr').count()).toBe(20);
    const newest = await page.locator('#ledger-table tbody tr').first().textContent();
    await page.click('#ledger-older');
    await expect.poll(() => page.locator('#ledger-table tbody tr').first().textContent()).not.toBe(newest);
    await snap(page, 'dashboard-actions');
  });
});

// 1. A buyer reserves, pays and sees the confirmation; the merchant's dashboard then counts the sale in its tiles,
//    its chart and its ledger, and the books balance. The storefront's first load asks nothing of a third party.
import { describe, expect, it } from 'vitest';
import { desktop, expectAccessible, phone, snap, withBrowser } from './browser';
import { base, merchantKey, publish } from './drops';

const browser = withBrowser();

describe('a sale, from the storefront to the dashboard', () => {
  it('is held, paid and confirmed, then counted by the dashboard, whose books balance', async () => {
    await publish({ dropId: 'e2e-buy', units: 10, holdMinutes: 30 });
    const buyer = await phone(browser());
    const page = await buyer.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));

    await page.goto(`${base()}/?drop=e2e-buy`);
    await expect.poll(() => page.locator('#phase').textContent()).toBe('The drop is open.');
    expect(await page.locator('[data-sku="CAP-1"] .stock').textContent()).toBe('In stock: 10 left');
    expect(requested.filter((url) => !url.startsWith(base()))).toEqual([]);
    await snap(page, '1-storefront');

    await page.fill('#email', 'ada@example.com');
    await page.fill('#name', 'Ada Lovelace');
    await page.fill('#line1', 'Invalidenstrasse 1');
    await page.fill('#postalCode', '10115');
    await page.fill('#city', 'Berlin');
    await page.fill('#country', 'DE');
    await page.click('#reserve');
    await page.locator('#hold').waitFor();
    expect(await page.locator('#hold-title').textContent()).toBe('Reserved for you');
    expect(await page.locator('#hold').textContent()).toContain('€25.00');
    await snap(page, '1-hold');
    await expectAccessible(page);

    await page.click('#pay');
    await page.locator('#confirmation').waitFor();
    expect(await page.locator('#confirmation-title').textContent()).toBe('Thank you, your order is confirmed');
    expect(await page.locator('#order-status').textContent()).toMatch(/^Order ord_\w+: paid\.$/);
    await snap(page, '1-confirmation');
    await expectAccessible(page);
    await buyer.close();

    const office = await desktop(browser());
    const dashboard = await office.newPage();
    await dashboard.goto(`${base()}/dashboard/?drop=e2e-buy`);
    await dashboard.fill('#merchant-key', merchantKey());
    await dashboard.click('#sign-in-button');
    await expect.poll(() => dashboard.locator('#tile-sold .tile-value').textContent()).toBe('1');
    await expect.poll(() => dashboard.locator('#books-status').textContent()).toMatch(/^The books balance/);
    expect(await dashboard.locator('#chart canvas').count()).toBe(1);
    await expect.poll(() => dashboard.locator('#chart-caption').textContent()).toContain('1 sold');
    await expect.poll(() => dashboard.locator('#ledger-table tbody tr').count()).toBeGreaterThan(0);
    await snap(dashboard, '1-dashboard');
    await expectAccessible(dashboard);
    expect(await dashboard.evaluate(() => JSON.stringify({ ...localStorage }))).toBe('{}');
    expect(dashboard.url()).not.toContain(merchantKey());
    await office.close();
  });
});

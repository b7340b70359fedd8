// 4. The merchant issues an insider's link from the dashboard; with it, the insider buys during early access. A
//    public buyer is refused with a sentence saying when everyone can buy.
import { describe, expect, it } from 'vitest';
import { phone, snap, withBrowser } from './browser';
import { merchantKey, publish } from './drops';
import { fillShipping, openDrop, signedIn } from './shared';

const browser = withBrowser();

describe('early access', () => {
  it('lets the insider with their link buy, and tells a public buyer when the drop opens', async () => {
    await publish({ dropId: 'e2e-insiders', units: 10, opensInMinutes: 120,
      insiders: { opensBeforeMinutes: 240, perBuyerLimit: 1 } });

    const dashboard = await signedIn(browser(), 'e2e-insiders', merchantKey());
    await dashboard.fill('#insider-emails', 'insider@example.com');
    await dashboard.click('#issue-links');
    await dashboard.click('#confirm-yes');
    const link = await dashboard.locator('#links input.link').inputValue();
    expect(link).toMatch(/\/\?access=/);
    await snap(dashboard, '4-links');

    const publicBuyer = await (await phone(browser())).newPage();
    await openDrop(publicBuyer, 'e2e-insiders');
    expect(await publicBuyer.locator('#phase').textContent()).toBe('Early access is on for insiders with their own link.');
    await fillShipping(publicBuyer, 'public@example.com');
    await publicBuyer.click('#reserve');
    await expect.poll(() => publicBuyer.locator('#message').textContent()).toMatch(/^The drop opens .+\. Nothing was reserved yet\.$/);
    await snap(publicBuyer, '4-public-refused');

    const insider = await (await phone(browser())).newPage();
    await insider.goto(`${link}&drop=e2e-insiders`);
    await insider.locator('.pass').waitFor();
    await fillShipping(insider, 'insider@example.com');
    await insider.click('#reserve');
    await insider.locator('#hold').waitFor();
    await insider.click('#pay');
    await insider.locator('#confirmation').waitFor();
    expect(await insider.locator('#order-status').textContent()).toMatch(/: paid\.$/);
    await snap(insider, '4-insider-confirmation');
  });
});

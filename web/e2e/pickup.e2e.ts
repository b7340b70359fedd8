// 3. A pickup order takes a place in a slot, and the slot's places left drop on another buyer's page.
import { describe, expect, it } from 'vitest';
import { phone, snap, withBrowser } from './browser';
import { merchantKey, publish } from './drops';
import { openDrop, signedIn } from './shared';

const browser = withBrowser();

const slotText = (page: import('playwright-core').Page) =>
  page.locator('#slotId option[data-seats]').first().textContent();

describe('a pickup', () => {
  it('takes a place in its slot, and the page of the next buyer shows one place fewer', async () => {
    await publish({ dropId: 'e2e-pickup', units: 10, shipping: false, slots: [{ capacity: 3 }, { capacity: 5 }] });
    const buyer = await (await phone(browser())).newPage();
    const watcher = await (await phone(browser())).newPage();
    await openDrop(buyer, 'e2e-pickup');
    await openDrop(watcher, 'e2e-pickup');
    expect(await slotText(watcher)).toMatch(/: 3 of 3 places left$/);

    await buyer.fill('#email', 'pickup@example.com');
    const slot = await buyer.locator('#slotId option[data-seats]').first().getAttribute('value');
    await buyer.selectOption('#slotId', slot!);
    await snap(buyer, '3-pickup-form');
    await buyer.click('#reserve');
    await buyer.locator('#hold').waitFor();
    await buyer.click('#pay');
    await buyer.locator('#confirmation').waitFor();
    expect(await buyer.locator('#confirmation').textContent()).toContain('Pick it up at kreuzberg');

    await expect.poll(() => slotText(watcher), { timeout: 15_000 }).toMatch(/: 2 of 3 places left$/);
    await snap(watcher, '3-slot-seats');

    // At the hub: staff make it ready, the buyer's page shows the code, staff take it back with the order.
    const orderId = /Order (ord_\w+)/.exec((await buyer.locator('#order-status').textContent())!)![1];
    const staff = await signedIn(browser(), 'e2e-pickup', merchantKey());
    await staff.fill('#handover-order', orderId);
    await staff.click('#handover-collected');
    await expect.poll(() => staff.locator('#note').textContent())
      .toBe('This order is not in a state for that step (not paid, not this kind of order, or not ready yet); nothing was changed.');
    await staff.click('#handover-ready');
    await expect.poll(() => staff.locator('#note').textContent()).toBe('Marked ready: the buyer now sees their pickup code.');
    await buyer.reload();
    await expect.poll(() => buyer.locator('#handover').textContent()).toMatch(/show the code [0-9A-Z]{6} at the counter\.$/);
    const code = /code ([0-9A-Z]{6})/.exec((await buyer.locator('#handover').textContent())!)![1];
    await snap(buyer, '3-ready-code');
    await staff.fill('#handover-code', code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA');
    await staff.click('#handover-collected');
    await expect.poll(() => staff.locator('#note').textContent()).toMatch(/^Please check your details: /);
    await staff.fill('#handover-code', code);
    await staff.click('#handover-collected');
    await expect.poll(() => staff.locator('#note').textContent()).toBe('Collected.');
    await staff.click('#handover-collected');
    await expect.poll(() => staff.locator('#note').textContent()).toBe('Already done: nothing changed.');
    await buyer.reload();
    await expect.poll(() => buyer.locator('#handover').textContent()).toMatch(/^Collected at kreuzberg on /);
  });
});

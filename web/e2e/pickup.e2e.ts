// 3. A pickup order takes a place in a slot, and the slot's places left drop on another buyer's page.
import { describe, expect, it } from 'vitest';
import { phone, snap, withBrowser } from './browser';
import { publish } from './drops';
import { openDrop } from './shared';

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
  });
});

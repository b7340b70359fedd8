// 2. A buyer meets "sold out", joins the waitlist, and sees a claim once another buyer's hold expires (a 1-minute
//    hold on a clock 5 times faster: 12 s).
import { describe, expect, it } from 'vitest';
import { expectAccessible, phone, snap, withBrowser } from './browser';
import { publish } from './drops';
import { fillShipping, holdThroughApi, openDrop } from './shared';

const browser = withBrowser();

describe('the waitlist', () => {
  it('offers the unit of an expired hold to the buyer who waited, on their page', async () => {
    await publish({ dropId: 'e2e-waitlist', units: 1, holdMinutes: 1, perBuyerLimit: 1 });
    await holdThroughApi('e2e-waitlist', 'first@example.com');

    const page = await (await phone(browser())).newPage();
    await openDrop(page, 'e2e-waitlist');
    await expect.poll(() => page.locator('[data-sku="CAP-1"] .stock').textContent()).toBe('Sold out');
    await fillShipping(page, 'second@example.com');
    await page.click('#waitlist');
    await page.locator('#waiting').waitFor();
    expect(await page.locator('#message').textContent()).toBe('You are on the waitlist.');
    await snap(page, '2-waiting');
    await expectAccessible(page);

    await page.locator('#hold').waitFor({ timeout: 90_000 });
    expect(await page.locator('#message').textContent()).toBe('Good news: a unit came back and is held for you. '
      + 'Pay before the countdown ends.');
    expect(await page.locator('#hold-title').textContent()).toBe('Reserved for you');
    await snap(page, '2-claim');
  });

  it('offers a pre-order with a deposit once a drop that takes them is sold out for good', async () => {
    await publish({ dropId: 'e2e-preorder', units: 1, perBuyerLimit: 1, preorder: true });
    await holdThroughApi('e2e-preorder', 'got-it@example.com');

    const page = await (await phone(browser())).newPage();
    await openDrop(page, 'e2e-preorder');
    await expect.poll(() => page.locator('#preorder').textContent()).toBe('Pre-order with a 20% deposit');
    await fillShipping(page, 'later@example.com');
    await page.click('#preorder');
    await page.locator('#hold').waitFor();
    expect(await page.locator('#hold-title').textContent()).toBe('Your pre-order is reserved');
    expect(await page.locator('#hold').textContent()).toContain('deposit due now: €5.00');
    await snap(page, '2-preorder');
  });
});

// 7. Keyboard only: a checkout completes without a mouse. axe-core finds no serious or critical violation on any
//    page, and at 390×844 no page scrolls sideways.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalScroll, phone, snap, withBrowser } from './browser';
import { base, merchantKey, publish } from './drops';
import { openDrop } from './shared';

const browser = withBrowser();

/** Presses Tab until the element with {@code id} has the focus (at most 40 times). */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await page.evaluate(() => document.activeElement?.id) === id) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

describe('keyboard, screen readers and phones', () => {
  it('completes a checkout with the keyboard alone', async () => {
    await publish({ dropId: 'e2e-keyboard', units: 10 });
    const page = await (await phone(browser())).newPage();
    await openDrop(page, 'e2e-keyboard');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    for (const [id, text] of [['email', 'keys@example.com'], ['name', 'Key Board'], ['line1', 'Tab Street 9'],
      ['postalCode', '10115'], ['city', 'Berlin'], ['country', 'DE']]) {
      await tabTo(page, id);
      await page.keyboard.type(text);
    }
    await tabTo(page, 'reserve');
    await page.keyboard.press('Enter');
    await page.locator('#hold').waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pay');
    await page.keyboard.press('Enter');
    await page.locator('#confirmation').waitFor();
    expect(await page.locator('#order-status').textContent()).toMatch(/: paid\.$/);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await snap(page, '7-keyboard-confirmation');
  });

  it('has no serious violation and no sideways scroll on the dashboard, on a phone', async () => {
    await publish({ dropId: 'e2e-dashboard-phone', units: 10 });
    const page = await (await phone(browser())).newPage();
    await page.goto(`${base()}/dashboard/?drop=e2e-dashboard-phone`);
    await page.locator('#merchant-key').waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.keyboard.type(merchantKey());
    await page.keyboard.press('Enter');
    await page.locator('#tiles .tile').first().waitFor();
    await page.locator('#books-status').waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await snap(page, '7-dashboard-phone');
  });

  it('shows the example drop at / with its waves\' countdown and its stock per hub, accessibly', async () => {
    const page = await (await phone(browser())).newPage();
    await page.goto(`${base()}/`);
    await page.locator('#phase').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Neon Runners: 300 pairs, one weekend');
    expect(await page.locator('#story').textContent()).not.toBe('');
    expect(await page.locator('.countdown').first().textContent()).toMatch(/^Wave 2 \(40% more stock\) in \d+:\d\d|^Wave 2 \(40% more stock\) in \d+ h/);
    expect(await page.locator('[data-sku="NR-42"] .hubs').textContent()).toMatch(/^Berlin Mitte micro-hub: \d+ · Hamburg Schanze micro-hub: \d+$/);
    await page.check('#fulfilment-pickup');
    await page.locator('#slotId').waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await snap(page, '7-example-drop');
  });
});

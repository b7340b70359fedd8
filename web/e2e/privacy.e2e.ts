// 10. A buyer's data: on /privacy/ a person asks for a copy of what the shop keeps about their address; the mailed
//     link's page shows it as sentences (their order, its ship-to address); then they ask for the erasure, and the
//     mailed link's page erases after its button and says what was erased. A broken link shows its sentence. Never
//     raw JSON.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalScroll, phone, snap, withBrowser } from './browser';
import { base, publish } from './drops';
import { holdThroughApi } from './shared';

const browser = withBrowser();
const EMAIL = 'privacy-e2e@example.com';

/** The newest privacy link of this kind mailed to the address, read from the runtime's /mail/ page. */
async function mailedLink(email: string, request: 'export' | 'erase'): Promise<string> {
  let link: string | null = null;
  await expect.poll(async () => {
    const page = await (await fetch(`${base()}/mail/`)).text();
    // Newest first: the first article to the address with this kind of link.
    const mail = page.split('<article').find((article) => article.includes(email)
      && article.includes(`request=${request}`));
    const match = mail ? new RegExp(`/privacy/\\?request=${request}&amp;token=([A-Za-z0-9._-]+)`).exec(mail)
      ?? new RegExp(`/privacy/\\?request=${request}&token=([A-Za-z0-9._-]+)`).exec(mail) : null;
    link = match ? `${base()}/privacy/?request=${request}&token=${match[1]}` : null;
    return link;
  }).not.toBeNull();
  return link!;
}

async function ask(page: Page, request: 'export' | 'erase'): Promise<void> {
  await page.goto(`${base()}/privacy/`);
  await page.locator('#email').waitFor();
  await page.fill('#email', EMAIL);
  await page.check(`#request-${request}`);
  await page.click('button[type=submit]');
  await expect.poll(() => page.locator('h1').textContent()).toBe('Check your inbox');
}

describe('the privacy pages', () => {
  it('mails an export link whose page shows the data as sentences, then an erase link whose page erases', async () => {
    await publish({ dropId: 'e2e-privacy', units: 3, holdMinutes: 10, perBuyerLimit: 2 });
    const order = await holdThroughApi('e2e-privacy', EMAIL);
    const page = await (await phone(browser())).newPage();

    await page.goto(`${base()}/privacy/`);
    await page.locator('#email').waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await snap(page, '10-privacy-form');
    await ask(page, 'export');
    await page.goto(await mailedLink(EMAIL, 'export'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('What the shop keeps about you');
    const exported = await page.locator('#app').innerText();
    expect(exported).toContain(`Order ${order.orderId} in drop e2e-privacy`);
    expect(exported).toContain('shipped to Other, Street 2, 20095 Hamburg, DE');
    expect(exported).toContain(`Mail about it goes to ${EMAIL}.`);
    expect(exported).toContain('You are not on the shop\'s mailing list.');
    expect(exported).not.toMatch(/[{}"]/);
    await expectAccessible(page);
    await snap(page, '10-privacy-export');

    await ask(page, 'erase');
    await page.goto(await mailedLink(EMAIL, 'erase'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Erase your data');
    await page.click('button');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Erased');
    const erased = await page.locator('[role=status]').textContent();
    expect(erased).toContain('Your address was removed from 1 order, 0 pick tickets, 0 waitlist places');
    expect(erased).not.toMatch(/[{}"]/);
    await snap(page, '10-privacy-erased');

    // The mailbox kept none of the address's mail (docs/audience.md), and a new export shows no address.
    expect(await (await fetch(`${base()}/mail/`)).text()).not.toContain(EMAIL);
  });

  it('shows a broken link\'s sentence', async () => {
    const page = await (await phone(browser())).newPage();
    await page.goto(`${base()}/privacy/?request=export&token=a1.broken.link`);
    await expect.poll(() => page.locator('[role=alert]').textContent())
      .toBe('This link does not work or has expired (a link works for a day). Ask for a new one below.');
    expect(await page.locator('a[href="./"]').textContent()).toBe('Ask for a new link');
    expect(await page.locator('#app').innerText()).not.toMatch(/[{}"]/);
  });
});

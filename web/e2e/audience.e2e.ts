// 9. The shop's audience: a visitor signs up on /subscribe/ (consent, interests, home hub), is told to check the
//    inbox, and the double opt-in mail (read from the runtime's /mail/ page) carries the link whose page confirms.
//    An unsubscribe page with a broken link shows its sentence, never JSON.
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalScroll, phone, snap, withBrowser } from './browser';
import { base } from './drops';

const browser = withBrowser();

async function confirmToken(email: string): Promise<string> {
  let token: string | null = null;
  await expect.poll(async () => {
    const page = await (await fetch(`${base()}/mail/`)).text();
    const mail = page.split('<article').find((article) => article.includes(email));
    token = mail ? /subscribe\/\?token=([A-Za-z0-9._-]+)/.exec(mail)?.[1] ?? null : null;
    return token;
  }).not.toBeNull();
  return token!;
}

describe('the audience pages', () => {
  it('signs up, mails the confirmation link, and the link\'s page confirms', async () => {
    const page = await (await phone(browser())).newPage();
    await page.goto(`${base()}/subscribe/`);
    await page.locator('#email').waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.fill('#email', 'fan@example.com');
    await page.check('input[name=interest][value=sneakers]');
    await page.check('#consent');
    await snap(page, '9-subscribe-form');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your inbox');

    const token = await confirmToken('fan@example.com');
    await page.goto(`${base()}/subscribe/?token=${token}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are subscribed');
    await snap(page, '9-subscribed');
  });

  it('shows a broken unsubscribe link\'s sentence', async () => {
    const page = await (await phone(browser())).newPage();
    await page.goto(`${base()}/unsubscribe/?token=a1.broken.link`);
    await page.click('button');
    await expect.poll(() => page.locator('[role=alert]').textContent())
      .toBe('This link does not work. Please use the link from your mail exactly as it is.');
    expect(await page.locator('#app').innerText()).not.toMatch(/[{}"]/);
  });
});

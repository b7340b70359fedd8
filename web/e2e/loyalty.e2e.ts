// 12. The shop behind the drops: a visitor signs up (double opt-in from the mailbox), buys a pickup in the first drop,
//     collects it and answers the survey mailed afterwards (a click on a score, then the page's button); when the merchant publishes the second
//     drop, the pass mailed to the first drop's buyer opens its early window, and they buy before everyone else.
//     Every mail is read from the runtime's mailbox (/mail/), as a person would read it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { phone, snap, withBrowser } from './browser';
import { base, merchant, publish } from './drops';
import { fillShipping, openDrop } from './shared';

const browser = withBrowser();

/** The first capture of {@code pattern} in the newest mail to {@code email} that matches it (polled). */
async function fromMail(email: string, pattern: RegExp): Promise<string> {
  let found: string | null = null;
  await expect.poll(async () => {
    const page = await (await fetch(`${base()}/mail/`)).text();
    const mail = page.split('<article').find((article) => article.includes(email) && pattern.test(article));
    found = mail ? pattern.exec(mail)?.[1] ?? null : null;
    return found;
  }, { timeout: 30_000 }).not.toBeNull();
  return found!.replace(/&amp;/g, '&');
}

describe('the shop behind the drops', () => {
  it('mails the first drop\'s buyer a pass for the second, who buys in its early window, after the survey', async () => {
    const email = `loyal-${randomUUID().slice(0, 8)}@example.com`;
    const first = `e2e-first-${randomUUID().slice(0, 6)}`;
    const second = `e2e-second-${randomUUID().slice(0, 6)}`;
    await publish({ dropId: first, units: 10, shipping: false, slots: [{ capacity: 5 }] });

    // Sign-up with the double opt-in: without it, no pass (it is marketing mail).
    const person = await (await phone(browser())).newPage();
    await person.goto(`${base()}/subscribe/`);
    await person.locator('#email').waitFor();
    await person.fill('#email', email);
    await person.check('#consent');
    await person.click('button[type=submit]');
    await expect.poll(() => person.locator('h1').textContent()).toBe('Check your inbox');
    const confirm = await fromMail(email, /subscribe\/\?token=([A-Za-z0-9._-]+)/);
    await person.goto(`${base()}/subscribe/?token=${confirm}`);
    await expect.poll(() => person.locator('h1').textContent()).toBe('You are subscribed');

    // The first drop: a pickup, paid, made ready and collected at the hub.
    await openDrop(person, first);
    await person.fill('#email', email);
    await person.selectOption('#slotId', (await person.locator('#slotId option[data-seats]').first().getAttribute('value'))!);
    await person.click('#reserve');
    await person.locator('#hold').waitFor();
    await person.click('#pay');
    await person.locator('#confirmation').waitFor();
    const orderId = /Order (ord_\w+)/.exec((await person.locator('#order-status').textContent())!)![1];
    expect((await merchant(`/merchant/drops/${first}/orders/${orderId}/ready`, { method: 'POST' })).status).toBe(200);
    await person.reload();
    await expect.poll(() => person.locator('#handover').textContent()).toMatch(/show the code [0-9A-Z]{6} at the counter\.$/);
    const code = /code ([0-9A-Z]{6})/.exec((await person.locator('#handover').textContent())!)![1];
    const collected = await merchant(`/merchant/drops/${first}/orders/${orderId}/collected`, { method: 'POST',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(collected.status).toBe(200);

    // The survey, one click on a score in the mail; a second click keeps the first answer.
    const survey = await fromMail(email, /survey\/\?token=([A-Za-z0-9._-]+)&(?:amp;)?score=9/);
    await person.goto(`${base()}/survey/?token=${survey}&score=9`);
    await person.click('#send-answer');
    await expect.poll(() => person.locator('[role=status]').textContent())
      .toBe('We recorded your answer: 9 out of 10.');
    await snap(person, '12-survey');
    await person.goto(`${base()}/survey/?token=${survey}&score=3`);
    expect(await person.locator('#app p').textContent()).toBe('You chose 3 out of 10 (0 is not at all, 10 is extremely).');
    await person.click('#send-answer');
    await expect.poll(() => person.locator('[role=status]').textContent())
      .toBe('You answered before: 9 out of 10 is the answer we keep. Thank you!');

    // The second drop: published with early access on now and the public sale in 30 minutes; its past buyers get in
    // now too, from a fifth of the units set aside for them alone (their own tranche: the pass's purchase takes from it).
    await publish({ dropId: second, units: 10, opensInMinutes: 30, insiders: { opensBeforeMinutes: 60, perBuyerLimit: 1,
      layers: [{ layer: 'past-buyers', opensBeforeMinutes: 60, reservedShare: 20 }] } });
    const pass = await fromMail(email, new RegExp(`\\?drop=${second}&(?:amp;)?access=([A-Za-z0-9._%-]+)`));
    const buyer = await (await phone(browser())).newPage();
    await buyer.goto(`${base()}/?drop=${second}&access=${pass}`);
    await buyer.locator('.pass').waitFor();
    await snap(buyer, '12-pass');
    await fillShipping(buyer, email);
    await buyer.click('#reserve');
    await buyer.locator('#hold').waitFor();
    await buyer.click('#pay');
    await buyer.locator('#confirmation').waitFor();
    expect(await buyer.locator('#order-status').textContent()).toMatch(/: paid\.$/);
    await snap(buyer, '12-early-purchase');
    // The books count the past buyers' tranche against the holds that took from it.
    const books = await merchant(`/merchant/drops/${second}/reconcile`);
    expect(books.status).toBe(200);

    // Someone else, without a pass, waits for the public sale.
    const stranger = await (await phone(browser())).newPage();
    await openDrop(stranger, second);
    await fillShipping(stranger, `stranger-${randomUUID().slice(0, 8)}@example.com`);
    await stranger.click('#reserve');
    await expect.poll(() => stranger.locator('#message').textContent()).toMatch(/^The drop opens .+\. Nothing was reserved yet\.$/);
  });
});

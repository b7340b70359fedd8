// 6. Every problem type of the contract, answered to a checkout, shows its sentence on the page: never its JSON.
//    The API's answer is played by the browser's network layer (page.route), one type after another.
import { describe, expect, it } from 'vitest';
import { sentenceFor, type Problem } from '../src/problems';
import { contractTypes } from '../test/contract';
import { phone, snap, withBrowser } from './browser';
import { publish } from './drops';
import { fillShipping, openDrop } from './shared';

const browser = withBrowser();

describe('refusals on the page', () => {
  it('shows the sentence of every problem type, and no JSON', async () => {
    await publish({ dropId: 'e2e-problems', units: 10 });
    const page = await (await phone(browser())).newPage();
    let answer: Problem | null = null;
    await page.route('**/checkout', (route) => route.fulfill({ status: answer!.status,
      contentType: 'application/problem+json', body: JSON.stringify(answer) }));
    await openDrop(page, 'e2e-problems');
    await fillShipping(page, 'refused@example.com');

    const shown: string[] = [];
    for (const slug of contractTypes()) {
      answer = { type: `https://microdrop.dev/problems/${slug}`, title: slug, status: 409,
        detail: `{"raw":"detail of ${slug}"}`, opensAt: '2099-01-01T10:00:00Z', serverTime: '2026-12-02T10:00:00Z' };
      await page.click('#reserve');
      const expected = sentenceFor(answer);
      await expect.poll(() => page.locator('#message').textContent()).toBe(expected);
      const text = await page.locator('#app').innerText();
      expect(text, slug).not.toMatch(/[{}"]|detail of|undefined|NaN/);
      shown.push(slug);
      if (slug === 'sold-out') {
        await snap(page, '6-sold-out-sentence');
      }
    }
    expect(shown.length).toBeGreaterThanOrEqual(30);
  });
});

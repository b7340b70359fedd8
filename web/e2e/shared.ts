// What several browser tests do: open a drop's page, fill the checkout form, buy through the API as another buyer.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { base } from './drops';

export async function openDrop(page: Page, dropId: string, query = ''): Promise<void> {
  await page.goto(`${base()}/?drop=${dropId}${query}`);
  await page.locator('#phase').waitFor();
}

export async function fillShipping(page: Page, email: string): Promise<void> {
  await page.fill('#email', email);
  await page.fill('#name', 'Grace Hopper');
  await page.fill('#line1', 'Main Street 1');
  await page.fill('#postalCode', '10115');
  await page.fill('#city', 'Berlin');
  await page.fill('#country', 'DE');
}

/** Another buyer's checkout, straight to the API: the order (not paid). */
export async function holdThroughApi(dropId: string, email: string, quantity = 1): Promise<{ orderId: string }> {
  const response = await fetch(`${base()}/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ dropId, lines: [{ sku: 'CAP-1', quantity }], buyer: { email },
      fulfilment: { type: 'ship', address: { name: 'Other', line1: 'Street 2', city: 'Hamburg', postalCode: '20095',
        country: 'DE' } } }),
  });
  expect(response.status).toBe(201);
  return await response.json() as { orderId: string };
}

/** The merchant, signed in to the dashboard on a drop. */
export async function signedIn(browser: Browser, dropId: string, key: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base()}/dashboard/?drop=${dropId}`);
  await page.fill('#merchant-key', key);
  await page.click('#sign-in-button');
  await page.locator('#tiles .tile').first().waitFor();
  return page;
}

import { describe, expect, it, vi } from 'vitest';
import { countdown, ServerClock } from '../src/clock';
import { bucketFor, type Kpis } from '../src/dashboard/merchant';
import { formatMoney } from '../src/money';
import { CatalogWatch, maxAge, type Drop } from '../src/store/catalog';
import { availabilityOf, maxQuantity, phaseOf, soldOutForGood, type Sku } from '../src/store/view';

const NOW = Date.parse('2026-12-05T10:05:00Z');

function sku(extra: Partial<Sku> = {}): Sku {
  return { sku: 'NR-42', productId: 'neon-runner', productName: 'Neon Runner', variantName: 'EU 42',
    price: { currency: 'EUR', minorUnits: 12900 }, totalUnits: 100, released: 40, available: 31, soldOut: false,
    maxPerShipment: 20, ...extra };
}

function drop(extra: Partial<Drop> = {}): Drop {
  return { serverTime: '2026-12-05T10:05:00Z', dropId: 'neon-runners', name: 'Neon Runners', status: 'open',
    paused: false, opensAt: '2026-12-05T10:00:00Z', closesAt: '2026-12-06T20:00:00Z', currency: 'EUR',
    perBuyerLimit: 2, holdSeconds: 600, shipping: true, hubs: [], skus: [sku()],
    waves: [{ number: 1, at: '2026-12-05T10:00:00Z', shareBasisPoints: 4000, sharePercent: 40 },
      { number: 2, at: '2026-12-05T10:30:00Z', shareBasisPoints: 6000, sharePercent: 60 }],
    stockAsOf: '2026-12-05T10:04:59Z', ...extra };
}

describe('the drop page reads the catalog', () => {
  it('counts down to the next wave once open, and to the opening before', () => {
    const open = phaseOf(drop(), NOW);
    expect(open).toMatchObject({ tone: 'open', publicCanBuy: true, countdownTo: '2026-12-05T10:30:00Z' });
    expect(open.countdownLabel).toBe('Wave 2 (60% more stock) in');
    const soon = phaseOf(drop({ opensAt: '2026-12-05T11:00:00Z' }), NOW);
    expect(soon).toMatchObject({ tone: 'soon', publicCanBuy: false, insiderCanBuy: false, countdownTo: '2026-12-05T11:00:00Z' });
  });

  it('lets insiders buy in early access, and nobody while paused or after closing', () => {
    const early = phaseOf(drop({ opensAt: '2026-12-05T11:00:00Z',
      earlyAccess: { opensAt: '2026-12-05T10:00:00Z', perBuyerLimit: 1 } }), NOW);
    expect(early).toMatchObject({ tone: 'insiders', publicCanBuy: false, insiderCanBuy: true });
    expect(phaseOf(drop({ paused: true }), NOW)).toMatchObject({ tone: 'paused', publicCanBuy: false, insiderCanBuy: false });
    expect(phaseOf(drop({ closesAt: '2026-12-05T10:04:00Z' }), NOW).tone).toBe('closed');
  });

  it('signals low stock at a tenth of the released units or 5, sold out, and an insiders-only window', () => {
    expect(availabilityOf(sku({ available: 31 }), NOW)).toBe('in-stock');
    expect(availabilityOf(sku({ available: 4 }), NOW)).toBe('low');
    expect(availabilityOf(sku({ released: 200, available: 20 }), NOW)).toBe('low');
    expect(availabilityOf(sku({ available: 0, soldOut: true }), NOW)).toBe('sold-out');
    expect(availabilityOf(sku({ insidersOnlyUntil: '2026-12-05T10:10:00Z' }), NOW)).toBe('insiders-only');
    expect(availabilityOf(sku({ insidersOnlyUntil: '2026-12-05T10:00:00Z' }), NOW)).toBe('in-stock');
    expect(soldOutForGood(sku({ available: 0, released: 40 }))).toBe(false);
    expect(soldOutForGood(sku({ available: 0, released: 100 }))).toBe(true);
  });

  it('offers no more units than the buyer may have, nor than one shipment can take', () => {
    expect(maxQuantity(drop(), sku(), false, true)).toBe(2);
    expect(maxQuantity(drop(), sku({ available: 1, maxPerShipment: 1 }), false, true)).toBe(1);
    expect(maxQuantity(drop({ earlyAccess: { opensAt: '2026-12-05T09:00:00Z', perBuyerLimit: 1 } }), sku(), true, false)).toBe(1);
  });

  it('writes money from minor units in the buyer\'s locale, and a countdown as people read it', () => {
    expect(formatMoney({ currency: 'EUR', minorUnits: 12900 }, 'en')).toBe('€129.00');
    expect(formatMoney({ currency: 'JPY', minorUnits: 1500 }, 'en')).toBe('¥1,500');
    expect(countdown(65_000)).toBe('1:05');
    expect(countdown(3_900_000)).toBe('1 h 05 min');
    expect(countdown(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 d 4 h');
    expect(countdown(-5)).toBe('0:00');
  });

  it('runs its countdowns on the server\'s clock', () => {
    let local = Date.parse('2026-12-05T10:00:00Z');
    const clock = new ServerClock(() => local);
    clock.sync('2026-12-05T10:02:00Z');
    local += 1000;
    expect(clock.until('2026-12-05T10:03:00Z')).toBe(59_000);
  });
});

describe('the catalog watch', () => {
  it('sends the last ETag, keeps the drop on a 304, and paces itself by max-age', async () => {
    const sent: Headers[] = [];
    const answers = [
      new Response(JSON.stringify(drop()), { status: 200, headers: { etag: 'W/"a"', 'cache-control': 'public, max-age=3' } }),
      new Response(null, { status: 304, headers: { etag: 'W/"a"', 'cache-control': 'public, max-age=3',
        date: 'Sat, 05 Dec 2026 10:05:03 GMT' } }),
    ];
    const watch = new CatalogWatch('http://shop.test/drops/neon-runners', new ServerClock(() => NOW),
      async (_url, init) => { sent.push(new Headers(init?.headers)); return answers.shift()!; });

    const first = await watch.read();
    const second = await watch.read();

    expect(first).toMatchObject({ kind: 'drop', changed: true, maxAgeSeconds: 3 });
    expect(second).toMatchObject({ kind: 'drop', changed: false, maxAgeSeconds: 3 });
    expect(sent[0].get('if-none-match')).toBeNull();
    expect(sent[1].get('if-none-match')).toBe('W/"a"');
    expect(watch.drop?.name).toBe('Neon Runners');
    expect(watch.counts).toEqual({ reads: 2, notModified: 1 });
    expect(maxAge('public, max-age=2, s-maxage=2', 9)).toBe(2);
    expect(maxAge(null, 9)).toBe(9);
  });
});

describe('the catalog watch\'s pace', () => {
  it('never reads twice within max-age, even when the buyer\'s own action asks for a refresh', async () => {
    vi.useFakeTimers();
    try {
      const reads: number[] = [];
      const watch = new CatalogWatch('http://shop.test/drops/neon-runners', new ServerClock(() => Date.now()),
        async () => {
          reads.push(Date.now());
          return new Response(JSON.stringify(drop()), { status: 200, headers: { etag: `W/"${reads.length}"`,
            'cache-control': 'public, max-age=3' } });
        }, () => Date.now());
      const start = Date.now();
      watch.start(() => {});
      await vi.advanceTimersByTimeAsync(1000);
      watch.refresh(() => {});
      await vi.advanceTimersByTimeAsync(1500);
      expect(reads.length).toBe(1);
      await vi.advanceTimersByTimeAsync(600);
      expect(reads.map((at) => at - start)).toEqual([0, 3000]);
      await vi.advanceTimersByTimeAsync(3000);
      expect(reads.map((at) => at - start)).toEqual([0, 3000, 6000]);
      watch.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the dashboard\'s sales chart', () => {
  it('picks the finest bucket that splits the drop\'s time so far in at most 360', () => {
    const kpis = (releasedAt: string) => ({ waves: [{ wave: 1, at: releasedAt, releasedAt, unitsReleased: 1, unitsSold: 0 }] }) as unknown as Kpis;
    expect(bucketFor(kpis('2026-12-05T10:00:00Z'), Date.parse('2026-12-05T10:30:00Z'))).toBe('PT10S');
    expect(bucketFor(kpis('2026-12-05T10:00:00Z'), Date.parse('2026-12-05T15:00:00Z'))).toBe('PT1M');
    expect(bucketFor(kpis('2026-12-05T10:00:00Z'), Date.parse('2026-12-07T10:00:00Z'))).toBe('PT15M');
    expect(bucketFor(null)).toBe('PT10S');
  });
});

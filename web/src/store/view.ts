// What the drop page says about the drop, computed from the catalog's answer and the server's clock. Pure
// functions, unit-tested without a browser.
import type { Drop } from './catalog';

export type Sku = Drop['skus'][number];

export interface Phase {
  /** One line for the banner. */
  headline: string;
  /** When the countdown runs to, if it runs. */
  countdownTo?: string;
  countdownLabel?: string;
  /** May a buyer without an access token reserve now? */
  publicCanBuy: boolean;
  /** May a buyer with an insider's token reserve now? */
  insiderCanBuy: boolean;
  tone: 'soon' | 'open' | 'paused' | 'closed' | 'insiders';
}

export function phaseOf(drop: Drop, now: number): Phase {
  const opens = Date.parse(drop.opensAt);
  const closes = Date.parse(drop.closesAt);
  const early = drop.earlyAccess ? Date.parse(drop.earlyAccess.opensAt) : Infinity;
  if (now >= closes || drop.status === 'closed') {
    return { headline: 'This drop has closed.', publicCanBuy: false, insiderCanBuy: false, tone: 'closed' };
  }
  if (drop.paused) {
    return { headline: 'Sales are paused for a moment. Your place in the drop is safe; please check back shortly.',
      publicCanBuy: false, insiderCanBuy: false, tone: 'paused' };
  }
  if (now < opens) {
    const insiders = now >= early;
    return { headline: insiders ? 'Early access is on for insiders with their own link.' : 'Coming soon.',
      countdownTo: drop.opensAt, countdownLabel: 'Opens to everyone in', publicCanBuy: false,
      insiderCanBuy: insiders, tone: insiders ? 'insiders' : 'soon' };
  }
  const next = drop.waves.find((wave) => Date.parse(wave.at) > now);
  return {
    headline: 'The drop is open.',
    countdownTo: next?.at,
    countdownLabel: next ? `Wave ${next.number} (${next.sharePercent}% more stock) in` : undefined,
    publicCanBuy: true, insiderCanBuy: true, tone: 'open',
  };
}

export type Availability = 'sold-out' | 'low' | 'in-stock' | 'insiders-only';

/** Low stock: at most 5 units, or a tenth of what was released, whichever is more. */
export function availabilityOf(sku: Sku, now: number): Availability {
  if (sku.insidersOnlyUntil && Date.parse(sku.insidersOnlyUntil) > now) {
    return 'insiders-only';
  }
  if (sku.soldOut || sku.available <= 0) {
    return 'sold-out';
  }
  return sku.available <= Math.max(5, Math.ceil(sku.released / 10)) ? 'low' : 'in-stock';
}

/** Sold out for good: nothing left and no wave will release more; a pre-order is then possible. */
export function soldOutForGood(sku: Sku): boolean {
  return sku.available <= 0 && sku.released >= sku.totalUnits;
}

/** The most units of {@code sku} this buyer may put in one order. */
export function maxQuantity(drop: Drop, sku: Sku, insider: boolean, shipping: boolean): number {
  const limit = insider && drop.earlyAccess ? drop.earlyAccess.perBuyerLimit : drop.perBuyerLimit;
  const stock = shipping && sku.maxPerShipment !== undefined ? sku.maxPerShipment : sku.available;
  return Math.max(1, Math.min(limit, Math.max(stock, 1)));
}

/** The SKUs grouped by product, in the catalog's order. */
export function products(drop: Drop): { productId: string; name: string; skus: Sku[] }[] {
  const byId = new Map<string, { productId: string; name: string; skus: Sku[] }>();
  for (const sku of drop.skus) {
    const product = byId.get(sku.productId) ?? { productId: sku.productId, name: sku.productName, skus: [] };
    product.skus.push(sku);
    byId.set(sku.productId, product);
  }
  return [...byId.values()];
}

export function hubName(drop: Drop, hubId: string): string {
  return drop.hubs.find((hub) => hub.hubId === hubId)?.name ?? hubId;
}

/** A pickup slot as a person reads it: "Sat 5 Dec, 14:00–18:00". */
export function slotLabel(start: string, end: string, locale?: string): string {
  const from = new Date(start);
  const to = new Date(end);
  const day = from.toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short' });
  const time = (d: Date) => d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  return `${day}, ${time(from)}–${time(to)}`;
}

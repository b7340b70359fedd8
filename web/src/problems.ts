// What a buyer or a merchant reads when the API says no: one sentence per problem type of docs/openapi.yaml,
// built from the problem's own members (never its raw JSON). test/problems.test.ts fails on a type with no sentence.
import type { components } from './api/schema';

export type Problem = components['schemas']['Problem'];

const PREFIX = 'https://microdrop.dev/problems/';

/** A moment the way a person reads it, in their own time zone. */
export function when(iso: string | undefined, locale?: string): string {
  if (!iso) {
    return 'later';
  }
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? 'later'
    : at.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

type Sentence = (problem: Problem) => string;

function units(n: number): string {
  return n === 1 ? '1 unit' : `${n} units`;
}

const sentences: Record<string, Sentence> = {
  'malformed-json': () => 'Something went wrong sending your order from this page. Please reload and try again.',
  'invalid-request': (p) => {
    const first = p.errors?.[0];
    return first ? `Please check your details: ${first.detail}.` : 'Please check your details and try again.';
  },
  'idempotency-key-missing': () => 'Something went wrong sending your order from this page. Please reload and try again.',
  'idempotency-key-reused': () => 'This order was already sent with other details. Please start a new order.',
  'unsupported-media-type': () => 'Something went wrong sending your order from this page. Please reload and try again.',
  'payload-too-large': () => 'Your order is too large to send. Please remove some lines and try again.',
  'not-found': () => 'We could not find that page.',
  'method-not-allowed': () => 'That action is not available here.',
  'drop-not-found': () => 'This drop does not exist (any more).',
  'drop-not-open': (p) => {
    const now = p.serverTime ? Date.parse(p.serverTime) : Date.now();
    return p.opensAt && Date.parse(p.opensAt) > now
      ? `The drop opens ${when(p.opensAt)}. Nothing was reserved yet.`
      : `The drop closed ${when(p.closesAt)}.`;
  },
  'drop-paused': () => 'Sales are paused for a moment. Nothing was reserved; please try again shortly.',
  'insiders-only': (p) => `${p.sku ?? 'This item'} was restocked for insiders until ${when(p.until)}. `
    + 'Everyone can buy it after that.',
  'access-token-invalid': (p) => `Your early-access link is not valid for you (anymore). Everyone can buy from ${when(p.opensAt)}.`,
  'early-access-over': (p) => `Early access ended ${when(p.endedAt)}; no new passes are given out.`,
  'flash-restock-refused': (p) => `A restock for insiders is still running${p.until ? ` until ${when(p.until)}` : ''}. `
    + 'Restock again once it ends.',
  'sold-out': (p) => {
    const left = Array.isArray(p.remaining) ? p.remaining : [];
    const some = left.filter((r) => r.available > 0);
    return some.length === 0
      ? 'Sold out: nothing was reserved. You can join the waitlist.'
      : `Not enough left: ${some.map((r) => `${units(r.available)} of ${r.sku}`).join(', ')}. Nothing was reserved.`;
  },
  'limit-reached': (p) => `Each buyer may have ${units(p.limit ?? 0)} of this drop; you already have `
    + `${units(p.alreadyHeld ?? 0)}.`,
  'busy': () => 'So many people are buying right now that we could not reserve yours. Please try again in a moment.',
  'signature-invalid': () => 'The payment notice could not be verified.',
  'payment-provider-unavailable': (p) => `Your items are reserved until ${when(p.holdExpiresAt)}, but payment is not `
    + 'available right now. Please try again in a moment.',
  'order-not-found': () => 'We could not find that order. Please use the link from your confirmation.',
  'unauthorized': () => 'Please sign in again.',
  'slot-full': (p) => `That pickup time is full.${p.otherSlots?.length ? ' Please choose another time.' : ''}`,
  'preorders-closed': () => 'Pre-orders are closed for this drop.',
  'not-sold-out': () => 'This item can still be bought now: add it to your order instead.',
  'preorder-cap-reached': (p) => typeof p.remaining === 'number'
    ? `Only ${units(p.remaining)} can still be pre-ordered.` : 'No more pre-orders can be taken.',
  'drop-id-taken': () => 'That drop name belongs to another shop. Please choose another.',
  'publish-refused': (p) => p.reasons?.length ? `The drop was not published: ${p.reasons.join('; ')}.`
    : 'The drop was not published.',
  'wave-not-found': () => 'This drop has no such wave.',
  'fulfilment-refused': () => 'This order is not in a state for that step (not paid, not this kind of order, or not ready yet); nothing was changed.',
  'link-invalid': (p) => p.reason === 'expired'
    ? 'This link has expired. Please sign up again for a new one.'
    : p.reason === 'not-pending'
      ? 'This sign-up was withdrawn since. Please sign up again to subscribe.'
      : 'This link does not work. Please use the link from your mail exactly as it is.',
  'internal': () => 'Something went wrong on our side. Nothing was charged; please try again.',
};

/** The problem types this page has a sentence for (the slug after the prefix). */
export const knownTypes: readonly string[] = Object.keys(sentences);

/** The sentence for a problem; one that says something went wrong for a type we do not know. Never raw JSON. */
export function sentenceFor(problem: Problem): string {
  const slug = problem.type?.startsWith(PREFIX) ? problem.type.slice(PREFIX.length) : '';
  const sentence = sentences[slug];
  return sentence ? sentence(problem) : 'Something went wrong. Please try again.';
}

import { describe, expect, it } from 'vitest';
import { knownTypes, sentenceFor, type Problem } from '../src/problems';
import { contractTypes } from './contract';

function problem(slug: string, extra: Partial<Problem> = {}): Problem {
  return { type: `https://microdrop.dev/problems/${slug}`, title: slug, status: 409, detail: `detail of ${slug}`,
    ...extra };
}

describe('the buyer reads a sentence for every problem', () => {
  const types = contractTypes();

  it('finds the contract\'s list of problem types', () => {
    expect(types.length).toBeGreaterThanOrEqual(30);
    expect(types).toContain('sold-out');
  });

  it.each(types)('%s has a sentence of its own', (slug) => {
    expect(knownTypes).toContain(slug);
    const sentence = sentenceFor(problem(slug));
    expect(sentence).not.toBe('Something went wrong. Please try again.');
    expect(sentence).toMatch(/[.!?]$/);
    expect(sentence).not.toMatch(/[{}[\]"]|undefined|null|NaN/);
  });

  it('has no sentence for a type the contract does not list', () => {
    expect([...knownTypes].sort()).toEqual(types);
  });

  it('says what is left when sold out, and the limit when it is reached', () => {
    expect(sentenceFor(problem('sold-out', { remaining: [{ sku: 'NR-42', available: 2, availableInAll: 5 }] })))
      .toBe('Not enough left: 2 units of NR-42. Nothing was reserved.');
    expect(sentenceFor(problem('sold-out', { remaining: [{ sku: 'NR-42', available: 0, availableInAll: 0 }] })))
      .toBe('Sold out: nothing was reserved. You can join the waitlist.');
    expect(sentenceFor(problem('limit-reached', { limit: 2, alreadyHeld: 1 })))
      .toBe('Each buyer may have 2 units of this drop; you already have 1 unit.');
  });

  it('tells before from after for a drop that is not open', () => {
    const serverTime = '2026-12-02T18:00:00Z';
    expect(sentenceFor(problem('drop-not-open', { opensAt: '2026-12-02T19:00:00Z', closesAt: '2026-12-04T19:00:00Z',
      serverTime }))).toMatch(/^The drop opens /);
    expect(sentenceFor(problem('drop-not-open', { opensAt: '2026-11-30T19:00:00Z', closesAt: '2026-12-01T19:00:00Z',
      serverTime }))).toMatch(/^The drop closed /);
  });

  it('tells hub staff a refused fulfilment step changed nothing', () => {
    expect(sentenceFor(problem('fulfilment-refused'))).toContain('nothing was changed');
  });

  it('falls back to a plain sentence for an unknown or foreign type', () => {
    expect(sentenceFor({ type: 'about:blank', title: 'x', status: 500, detail: '{"raw":true}' }))
      .toBe('Something went wrong. Please try again.');
  });
});

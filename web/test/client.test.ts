import { describe, expect, it } from 'vitest';
import { apiClient } from '../src/api/client';
import { sentenceFor, type Problem } from '../src/problems';

describe('the typed client', () => {
  it('sends a checkout as the contract says, and a refusal becomes a sentence', async () => {
    const sent: Request[] = [];
    const problem: Problem = { type: 'https://microdrop.dev/problems/drop-paused', title: 'Drop paused',
      status: 409, detail: 'Sales of this drop are paused for a moment; nothing was held.' };
    const client = apiClient('http://drop.test', async (input) => {
      sent.push(input as Request);
      return new Response(JSON.stringify(problem), { status: 409,
        headers: { 'content-type': 'application/problem+json' } });
    });

    const { error, response } = await client.POST('/checkout', {
      params: { header: { 'Idempotency-Key': 'key-00000001' } },
      body: { dropId: 'neon-runners', lines: [{ sku: 'NR-42', quantity: 1 }], buyer: { email: 'ada@example.com' },
        fulfilment: { type: 'pickup', hubId: 'kreuzberg' } },
    });

    expect(response.status).toBe(409);
    expect(sent[0].method).toBe('POST');
    expect(new URL(sent[0].url).pathname).toBe('/checkout');
    expect(sent[0].headers.get('idempotency-key')).toBe('key-00000001');
    expect(sentenceFor(error as Problem)).toBe('Sales are paused for a moment. Nothing was reserved; please try again shortly.');
  });
});

import { describe, expect, it } from 'vitest';
import { Audience } from '../src/store/audience';

function recording(status: number, body: unknown) {
  const sent: Request[] = [];
  const fetchImpl = async (input: RequestInfo | URL) => {
    sent.push(input as Request);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type':
      status >= 400 ? 'application/problem+json' : 'application/json' } });
  };
  return { sent, fetchImpl: fetchImpl as typeof fetch };
}

describe('the audience pages\' client', () => {
  it('signs up as the contract says and reads the pending state', async () => {
    const { sent, fetchImpl } = recording(202, { state: 'pending' });

    const answer = await new Audience('http://shop.test', fetchImpl).signUp({ email: 'ada@example.com',
      consentTextVersion: '2026-12', interests: ['sneakers'] });

    expect(answer).toEqual({ ok: true, state: 'pending' });
    expect(new URL(sent[0].url).pathname).toBe('/shop/audience');
    expect(await sent[0].json()).toEqual({ email: 'ada@example.com', consentTextVersion: '2026-12',
      interests: ['sneakers'] });
  });

  it('says an expired confirmation link in a sentence, never JSON', async () => {
    const { fetchImpl } = recording(400, { type: 'https://microdrop.dev/problems/link-invalid',
      title: 'Link not valid', status: 400, detail: 'This confirmation link does not work', reason: 'expired' });

    const answer = await new Audience('http://shop.test', fetchImpl).confirm('a1.x.y');

    expect(answer).toEqual({ ok: false, sentence: 'This link has expired. Please sign up again for a new one.' });
  });

  it('unsubscribes with RFC 8058\'s form-encoded one-click POST, the token in the query', async () => {
    const { sent, fetchImpl } = recording(200, { state: 'unsubscribed' });

    const answer = await new Audience('http://shop.test', fetchImpl).unsubscribe('a1.p.s');

    expect(answer).toEqual({ ok: true, state: 'unsubscribed' });
    expect(sent[0].method).toBe('POST');
    expect(new URL(sent[0].url).search).toBe('?token=a1.p.s');
    expect(sent[0].headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(await sent[0].text()).toBe('List-Unsubscribe=One-Click');
  });
});

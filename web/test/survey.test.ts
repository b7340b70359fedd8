import { describe, expect, it } from 'vitest';
import { answer, scoreOf, sentenceOf } from '../src/store/survey';

function recording(status: number, body: unknown) {
  const sent: Request[] = [];
  const fetchImpl = async (input: RequestInfo | URL) => {
    sent.push(input as Request);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type':
      status >= 400 ? 'application/problem+json' : 'application/json' } });
  };
  return { sent, fetchImpl: fetchImpl as typeof fetch };
}

describe('the survey page', () => {
  it('reads only a whole score 0..10 from its link', () => {
    expect(['0', '7', '10'].map(scoreOf)).toEqual([0, 7, 10]);
    expect(['11', '-1', '7.5', '', 'seven', '07', null].map(scoreOf)).toEqual([null, null, null, null, null, null,
      null]);
  });

  it('sends the token and the score as the contract says, and thanks in a sentence', async () => {
    const { sent, fetchImpl } = recording(201, { recorded: true, score: 9 });

    const outcome = await answer('http://shop.test', 's1.p.s', 9, fetchImpl);

    expect(new URL(sent[0].url).pathname).toBe('/shop/survey');
    expect(await sent[0].json()).toEqual({ token: 's1.p.s', score: 9 });
    expect(sentenceOf(outcome)).toBe('We recorded your answer: 9 out of 10.');
  });

  it('tells a second click the first answer, and a broken link in a sentence, never JSON', async () => {
    expect(sentenceOf(await answer('http://shop.test', 's1.p.s', 2, recording(200, { recorded: false, score: 9 })
      .fetchImpl))).toBe('You answered before: 9 out of 10 is the answer we keep. Thank you!');
    const broken = await answer('http://shop.test', 'nope', 2, recording(400, {
      type: 'https://microdrop.dev/problems/link-invalid', title: 'Link not valid', status: 400, reason: 'survey' })
      .fetchImpl);
    expect(sentenceOf(broken)).toBe('This link does not work. Please use the link from your mail exactly as it is.');
  });
});

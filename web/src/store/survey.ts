// /survey/?token=&score=: where a score clicked in the survey mail lands. The page shows the score and sends it only
// when the person presses the button: the mail's link is a GET, which changes nothing, and the page does not answer by
// itself either, because mail scanners open links, run their pages' scripts, and would answer for the buyer (the first
// answer is the one kept). Then a sentence says what was recorded.
import '../style.css';
import { apiClient } from '../api/client';
import { apiBaseUrl, loadConfig } from '../config';
import { h, show } from '../dom';
import { sentenceFor, type Problem } from '../problems';

const PROBLEMS = 'https://microdrop.dev/problems/';

export type SurveyOutcome = { ok: true; recorded: boolean; score: number } | { ok: false; sentence: string };

/** The score in the link: a whole number 0..10, or null. */
export function scoreOf(raw: string | null): number | null {
  return raw !== null && /^(10|[0-9])$/.test(raw) ? Number(raw) : null;
}

/** The sentence for what the shop answered. */
export function sentenceOf(outcome: SurveyOutcome): string {
  if (!outcome.ok) {
    return outcome.sentence;
  }
  return outcome.recorded
    ? `We recorded your answer: ${outcome.score} out of 10.`
    : `You answered before: ${outcome.score} out of 10 is the answer we keep. Thank you!`;
}

export async function answer(base: string, token: string, score: number, fetchImpl?: typeof fetch)
  : Promise<SurveyOutcome> {
  try {
    const { data, error } = await apiClient(base, fetchImpl).POST('/shop/survey', { body: { token, score } });
    return data ? { ok: true, recorded: data.recorded, score: data.score }
      : { ok: false, sentence: sentenceFor((error ?? {}) as Problem) };
  } catch {
    return { ok: false, sentence: 'We could not reach the shop. Please check your connection and reload.' };
  }
}

async function main(): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  try {
    const config = await loadConfig();
    const params = new URLSearchParams(location.search);
    const token = params.get('token');
    const score = scoreOf(params.get('score'));
    if (!token || score === null) {
      show(root, h('p', { class: 'error', role: 'alert' }, sentenceFor({ type: `${PROBLEMS}link-invalid`,
        title: 'Link not valid', status: 400, detail: 'incomplete', reason: 'malformed' })));
      return;
    }
    const send = h('button', { type: 'button', id: 'send-answer' }, 'Send my answer');
    send.addEventListener('click', () => {
      send.disabled = true;
      void answer(apiBaseUrl(config, location.origin), token, score).then((outcome) => {
        show(root, h('h1', {}, outcome.ok ? 'Thank you' : 'Not recorded'),
          h('p', { class: outcome.ok ? 'notice' : 'error', role: outcome.ok ? 'status' : 'alert' },
            sentenceOf(outcome)));
        root.focus();
      });
    });
    show(root, h('h1', {}, 'How likely are you to recommend us?'),
      h('p', {}, `You chose ${score} out of 10 (0 is not at all, 10 is extremely).`), send);
  } catch (error) {
    show(root, h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message
      : 'This page could not load. Please reload.'));
  }
}

if (typeof document !== 'undefined' && document.getElementById('app')) {
  void main();
}

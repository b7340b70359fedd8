// /unsubscribe/?token=: where the unsubscribe link lands in a browser (GET /shop/unsubscribe changes nothing and
// sends people here). One button sends the one-click POST; then a sentence says what happened.
import '../style.css';
import { apiBaseUrl, loadConfig } from '../config';
import { h, show } from '../dom';
import { sentenceFor } from '../problems';
import { Audience } from './audience';

const PROBLEMS = 'https://microdrop.dev/problems/';

async function main(): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  try {
    const config = await loadConfig();
    const audience = new Audience(apiBaseUrl(config, location.origin));
    const token = new URLSearchParams(location.search).get('token');
    if (!token) {
      // What the API answers a link without its token, said without asking it.
      show(root, h('p', { class: 'error', role: 'alert' }, sentenceFor({ type: `${PROBLEMS}link-invalid`,
        title: 'Link not valid', status: 400, detail: 'no token', reason: 'malformed' })));
      return;
    }
    const button = h('button', { type: 'button' }, 'Unsubscribe');
    button.addEventListener('click', () => {
      button.disabled = true;
      void audience.unsubscribe(token).then((answer) => {
        show(root, h('h1', {}, answer.ok ? 'Unsubscribed' : 'Not unsubscribed'),
          h('p', { class: answer.ok ? 'notice' : 'error', role: answer.ok ? 'status' : 'alert' }, answer.ok
            ? 'You will get no more mail about upcoming drops. You can sign up again at any time.' : answer.sentence));
        root.focus();
      });
    });
    show(root, h('h1', {}, 'Unsubscribe'), h('p', {}, 'Stop the mail about upcoming drops?'), button);
  } catch (error) {
    show(root, h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message
      : 'This page could not load. Please reload.'));
  }
}

void main();

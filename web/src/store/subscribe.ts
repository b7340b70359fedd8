// /subscribe/: the sign-up form (address, consent with its text and version, interests, home hub from the drop's
// hubs), then "check your inbox"; with ?token= (the mailed double opt-in link) it confirms and says so.
import '../style.css';
import { apiClient } from '../api/client';
import { apiBaseUrl, loadConfig } from '../config';
import { h, show } from '../dom';
import { Audience, CONSENT_TEXT, CONSENT_VERSION, INTERESTS } from './audience';

async function hubsOf(base: string, dropId: string): Promise<{ hubId: string; name: string }[]> {
  try {
    const { data } = await apiClient(base).GET('/drops/{dropId}', { params: { path: { dropId } } });
    return data?.hubs?.map((hub) => ({ hubId: hub.hubId, name: hub.name })) ?? [];
  } catch {
    return [];
  }
}

async function confirm(root: HTMLElement, audience: Audience, token: string): Promise<void> {
  show(root, h('p', { class: 'notice' }, 'Confirming…'));
  const answer = await audience.confirm(token);
  show(root, h('h1', {}, answer.ok ? 'You are subscribed' : 'Not confirmed'),
    h('p', { class: answer.ok ? 'notice' : 'error', role: answer.ok ? 'status' : 'alert' },
      answer.ok ? 'Thank you: we will mail you when a drop is coming. Every mail has a one-click unsubscribe link.'
        : answer.sentence));
  root.focus();
}

function form(root: HTMLElement, audience: Audience, hubs: { hubId: string; name: string }[]): void {
  const message = h('p', { role: 'alert', class: 'error', hidden: true });
  const email = h('input', { type: 'email', name: 'email', id: 'email', required: true, autocomplete: 'email' });
  const consent = h('input', { type: 'checkbox', name: 'consent', id: 'consent', required: true });
  // The browser's own validation keeps the form from going without an address and the ticked box.
  const interests = INTERESTS.map((interest) => h('label', { class: 'radio' },
    h('input', { type: 'checkbox', name: 'interest', value: interest.id }), ' ', interest.label));
  const hub = h('select', { name: 'homeHubId', id: 'homeHubId' }, h('option', { value: '' }, 'No home hub'),
    hubs.map((each) => h('option', { value: each.hubId }, each.name)));
  const submit = h('button', { type: 'submit' }, 'Sign up');
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    submit.disabled = true;
    const chosen = [...root.querySelectorAll<HTMLInputElement>('input[name=interest]:checked')].map((i) => i.value);
    const answer = await audience.signUp({ email: email.value, consentTextVersion: CONSENT_VERSION,
      interests: chosen, ...(hub.value ? { homeHubId: hub.value } : {}) });
    if (answer.ok) {
      show(root, h('h1', {}, 'Check your inbox'), h('p', { class: 'notice', role: 'status' },
        'We sent a link to confirm your address. Nothing else is mailed to you until you follow it.'));
      root.focus();
      return;
    }
    submit.disabled = false;
    message.textContent = answer.sentence;
    message.hidden = false;
  };
  show(root, h('h1', {}, 'Hear about the next drop'),
    h('form', { onsubmit: onSubmit as EventListener },
      h('p', { class: 'field' }, h('label', { for: 'email' }, 'E-mail'), email),
      h('fieldset', {}, h('legend', {}, 'Interests'), interests),
      hubs.length ? h('p', { class: 'field' }, h('label', { for: 'homeHubId' }, 'Home hub'), hub) : null,
      h('label', { class: 'radio' }, consent, CONSENT_TEXT),
      h('p', { class: 'hint' }, `Consent text ${CONSENT_VERSION}.`),
      message, submit));
}

async function main(): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  try {
    const config = await loadConfig();
    const base = apiBaseUrl(config, location.origin);
    const audience = new Audience(base);
    const token = new URLSearchParams(location.search).get('token');
    if (token) {
      await confirm(root, audience, token);
    } else {
      form(root, audience, await hubsOf(base, config.dropId));
    }
  } catch (error) {
    show(root, h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message
      : 'This page could not load. Please reload.'));
  }
}

void main();

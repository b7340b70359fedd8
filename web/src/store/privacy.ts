// /privacy/: a person asks for a copy of what the shop keeps about their address, or for its erasure; the API mails
// a link to the address, whose page (?request=export|erase&token=) shows the data as sentences or, after a button,
// erases it. Never raw JSON.
import '../style.css';
import { apiBaseUrl, loadConfig } from '../config';
import { h, show } from '../dom';
import { formatMinor } from '../money';
import { when } from '../problems';
import { Privacy, type Erasure, type Export } from './privacyApi';

type Store = Export['stores'][number];
type Order = Store['orders'][number];
type Delivery = Order['fulfilment'];

function delivery(fulfilment: Delivery): string {
  if (fulfilment.type === 'pickup') {
    return `collected at hub ${fulfilment.hubId ?? ''}`.trim();
  }
  const a = fulfilment.address ?? {};
  const parts = [a.name, a.line1, a.line2, a.postalCode && a.city ? `${a.postalCode} ${a.city}` : a.city ?? a.postalCode,
    a.country].filter((p): p is string => Boolean(p));
  return a.name ? `shipped to ${parts.join(', ')}` : `shipped (the address was erased; country ${a.country ?? 'unknown'})`;
}

function orderSentence(order: Order): string {
  const lines = order.lines.map((l) => `${l.quantity} × ${l.sku ?? ''} at ${formatMinor(l.unitPrice ?? 0, order.currency)}`)
    .join(', ');
  return `Order ${order.orderId} in drop ${order.dropId}, ${when(order.createdAt)}: ${lines}; `
    + `${formatMinor(order.amount, order.currency)} in all; ${order.status}; ${delivery(order.fulfilment)}. `
    + (order.email ? `Mail about it goes to ${order.email}.` : 'It keeps no e-mail address.');
}

function exported(data: Export): Node[] {
  const nodes: Node[] = [h('h1', {}, 'What the shop keeps about you')];
  const m = data.member;
  if (!m) {
    nodes.push(h('p', {}, 'You are not on the shop\'s mailing list.'));
  } else if (m.state === 'erased') {
    nodes.push(h('p', {}, `Your sign-up was erased ${when(m.erasedAt)}; only that fact is kept.`));
  } else {
    nodes.push(h('p', {}, `You signed up with ${m.email} ${when(m.signedUpAt)}, agreeing to consent text `
      + `${m.consentTextVersion}. Your sign-up is ${m.state}`
      + (m.confirmedAt ? `, confirmed ${when(m.confirmedAt)}` : '')
      + (m.unsubscribedAt ? `, unsubscribed ${when(m.unsubscribedAt)}` : '') + '.'
      + (m.interests?.length ? ` Your interests: ${m.interests.join(', ')}.` : '')
      + (m.homeHubId ? ` Your hub: ${m.homeHubId}.` : '')));
  }
  const orders = data.stores.flatMap((s) => s.orders);
  const places = data.stores.flatMap((s) => s.waitlist);
  const passes = data.stores.flatMap((s) => s.insiderPasses);
  if (orders.length > 0) {
    nodes.push(h('h2', {}, 'Your orders'), h('ul', {}, orders.map((o) => h('li', {}, orderSentence(o)))));
  }
  if (places.length > 0) {
    nodes.push(h('h2', {}, 'Your waitlist places'), h('ul', {}, places.map((p) => h('li', {},
      `${p.quantity ?? 1} × ${p.sku ?? ''} in drop ${p.dropId ?? ''}, since ${when(p.joinedAt)}: ${p.status ?? ''}.`))));
  }
  if (passes.length > 0) {
    nodes.push(h('h2', {}, 'Your insiders\' passes'), h('ul', {}, passes.map((p) => h('li', {},
      `An early-access pass to drop ${p.dropId ?? ''}, given ${when(p.issuedAt)}.`))));
  }
  if (!m && orders.length === 0 && places.length === 0 && passes.length === 0) {
    nodes.push(h('p', {}, 'The shop keeps nothing else about this address.'));
  }
  return nodes;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function erasedSentence(data: Erasure): string {
  const totals: Record<string, number> = {};
  for (const store of data.stores) {
    for (const [kind, n] of Object.entries(store.erased)) {
      totals[kind] = (totals[kind] ?? 0) + n;
    }
  }
  const what = [count(totals.orders ?? 0, 'order', 'orders'), count(totals['pick-tickets'] ?? 0, 'pick ticket',
    'pick tickets'), count(totals['waitlist-places'] ?? 0, 'waitlist place', 'waitlist places')];
  if (totals.mails) {
    what.push(count(totals.mails, 'mail', 'mails'));
  }
  const audience = data.audience === 'erased' ? 'Your sign-up was erased.'
    : data.audience === 'already-erased' ? 'Your sign-up was erased before.' : 'You were not on the mailing list.';
  return `${audience} Your address was removed from ${what.join(', ')}. What the books need (order numbers and `
    + 'amounts) is kept, with no name or address.';
}

function requestForm(root: HTMLElement, privacy: Privacy): void {
  const email = h('input', { id: 'email', type: 'email', required: true, autocomplete: 'email' });
  const exportChoice = h('input', { type: 'radio', name: 'request', id: 'request-export', value: 'export',
    checked: true });
  const eraseChoice = h('input', { type: 'radio', name: 'request', id: 'request-erase', value: 'erase' });
  const message = h('p', { role: 'status' });
  const form = h('form', {},
    h('label', { for: 'email' }, 'Your e-mail address'), email,
    h('fieldset', {}, h('legend', {}, 'What would you like?'),
      h('p', {}, exportChoice, h('label', { for: 'request-export' }, ' A copy of what the shop keeps about me')),
      h('p', {}, eraseChoice, h('label', { for: 'request-erase' }, ' Erase my address and what is kept with it'))),
    h('button', { type: 'submit' }, 'Mail me the link'), message);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const request = eraseChoice.checked ? 'erase' : 'export';
    void privacy.request(email.value, request).then((answer) => {
      if (answer.ok) {
        show(root, h('h1', {}, 'Check your inbox'), h('p', { class: 'notice', role: 'status' },
          `If ${email.value} is yours, a mail with a link is on its way. The link works for a day.`));
        root.focus();
      } else {
        message.className = 'error';
        message.setAttribute('role', 'alert');
        message.textContent = answer.sentence;
      }
    });
  });
  show(root, h('h1', {}, 'Your data'), h('p', {}, 'We mail a link to the address, so only its owner can see or '
    + 'erase what the shop keeps about it.'), form);
}

/** The way back to the request form, under a link that did not work. */
function askAgain(): Node {
  return h('p', {}, h('a', { href: './' }, 'Ask for a new link'));
}

async function main(): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  try {
    const config = await loadConfig();
    const privacy = new Privacy(apiBaseUrl(config, location.origin));
    const query = new URLSearchParams(location.search);
    const token = query.get('token');
    const request = query.get('request');
    if (!token) {
      requestForm(root, privacy);
      return;
    }
    if (request === 'erase') {
      const button = h('button', { type: 'button' }, 'Erase my data');
      button.addEventListener('click', () => {
        button.disabled = true;
        void privacy.erase(token).then((answer) => {
          show(root, h('h1', {}, answer.ok ? 'Erased' : 'Not erased'), h('p', { class: answer.ok ? 'notice' : 'error',
            role: answer.ok ? 'status' : 'alert' }, answer.ok ? erasedSentence(answer.value) : answer.sentence),
          answer.ok ? null : askAgain());
          root.focus();
        });
      });
      show(root, h('h1', {}, 'Erase your data'), h('p', {}, 'This removes your address from the mailing list, and '
        + 'your e-mail and ship-to address from your orders and waitlist places. An order not yet shipped can then '
        + 'no longer be delivered. It cannot be undone.'), button);
      return;
    }
    const answer = await privacy.export(token);
    show(root, ...(answer.ok ? exported(answer.value) : [h('h1', {}, 'Your data'),
      h('p', { class: 'error', role: 'alert' }, answer.sentence), askAgain()]));
  } catch (error) {
    show(root, h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message
      : 'This page could not load. Please reload.'));
  }
}

void main();

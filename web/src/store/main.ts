// The storefront: one drop, its countdowns and stock (refreshed at the catalog's pace), the checkout form, the hold
// with its countdown and the payment, the waitlist and pre-orders, and the confirmation read with the order's token.
import '../style.css';
import { apiClient } from '../api/client';
import { ServerClock, countdown } from '../clock';
import { apiBaseUrl, loadConfig, type WebConfig } from '../config';
import { h, show } from '../dom';
import { formatMoney } from '../money';
import { when } from '../problems';
import { Buyer, orderTokens, type Answer, type CheckoutRequest, type Order } from './buy';
import { CatalogWatch, type CatalogRead, type Drop } from './catalog';
import { availabilityOf, hubName, maxQuantity, phaseOf, products, slotLabel, soldOutForGood, type Sku } from './view';
import { payWithStripe } from './stripe';

const AVAILABILITY_TEXT = { 'sold-out': 'Sold out', low: 'Low stock', 'in-stock': 'In stock',
  'insiders-only': 'Insiders only' } as const;

interface Form {
  sku: string;
  quantity: number;
  email: string;
  fulfilment: 'ship' | 'pickup';
  hubId: string;
  slotId: string;
  name: string;
  line1: string;
  city: string;
  postalCode: string;
  country: string;
}

class Storefront {
  private readonly clock = new ServerClock();
  private readonly buyer: Buyer;
  private readonly watch: CatalogWatch;
  private readonly accessToken: string | null;
  private form: Form;
  /** The Idempotency-Key of the request the form describes: a retry of the same request reuses it. */
  private key = crypto.randomUUID();
  private keyFor = '';
  private held: Order | null = null;
  private waiting: { request: CheckoutRequest; since: number } | null = null;
  private message: { text: string; tone: 'error' | 'info' } | null = null;
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(private readonly config: WebConfig, private readonly root: HTMLElement, private readonly base: string) {
    this.buyer = new Buyer(apiClient(base));
    this.watch = new CatalogWatch(`${base}/drops/${encodeURIComponent(config.dropId)}`, this.clock);
    const params = new URLSearchParams(location.search);
    this.accessToken = params.get('access');
    this.form = { sku: '', quantity: 1, email: '', fulfilment: 'ship', hubId: '', slotId: '', name: '', line1: '',
      city: '', postalCode: '', country: '' };
    this.ticker = setInterval(() => this.tick(), 1000);
  }

  start(): void {
    const orderId = new URLSearchParams(location.search).get('order');
    if (orderId) {
      void this.confirmation(orderId);
      return;
    }
    this.watch.start((read) => this.onCatalog(read));
  }

  private onCatalog(read: CatalogRead): void {
    if (read.kind === 'problem') {
      this.message = { text: 'This drop cannot be shown right now. Please try again in a moment.', tone: 'error' };
    } else if (read.kind === 'offline') {
      this.message = { text: 'We could not reach the shop. Retrying…', tone: 'error' };
    } else if (this.message?.text.startsWith('We could not reach')) {
      this.message = null;
    }
    if (read.kind !== 'drop' || read.changed || !this.root.querySelector('#drop')) {
      this.render();
    } else {
      this.tick();
    }
  }

  private get drop(): Drop | null {
    return this.watch.drop;
  }

  private render(): void {
    const drop = this.drop;
    if (!drop) {
      show(this.root, h('p', { class: 'notice', role: 'status' }, this.message?.text ?? 'Loading the drop…'));
      return;
    }
    const focused = document.activeElement?.id;
    const now = this.clock.now();
    const phase = phaseOf(drop, now);
    document.title = drop.name;
    show(this.root,
      h('section', { id: 'drop', 'aria-labelledby': 'drop-name' },
        h('h1', { id: 'drop-name' }, drop.name),
        drop.story ? h('p', { class: 'story', id: 'story' }, drop.story) : null,
        h('p', { class: `phase phase-${phase.tone}`, id: 'phase', role: 'status' }, phase.headline),
        phase.countdownTo ? h('p', { class: 'countdown' }, `${phase.countdownLabel} `,
          h('strong', { id: 'countdown', 'data-to': phase.countdownTo }, countdown(this.clock.until(phase.countdownTo))))
          : null,
        this.accessToken ? h('p', { class: 'pass' }, 'Your early-access pass is applied to this page.') : null,
        products(drop).map((product) => this.product(drop, product.name, product.skus, now))),
      this.held ? this.holdView(drop, this.held) : this.waiting ? this.waitingView(drop) : this.buyForm(drop, phase),
      h('div', { id: 'message', role: 'alert', class: this.message ? `message message-${this.message.tone}` : 'message' },
        this.message?.text ?? ''));
    if (focused) {
      document.getElementById(focused)?.focus();
    }
  }

  private product(drop: Drop, name: string, skus: Sku[], now: number): HTMLElement {
    return h('article', { class: 'product' },
      h('h2', {}, name),
      h('ul', { class: 'variants' }, skus.map((sku) => {
        const availability = availabilityOf(sku, now);
        return h('li', { class: `variant variant-${availability}`, 'data-sku': sku.sku },
          h('span', { class: 'variant-name' }, sku.variantName),
          h('span', { class: 'price' }, formatMoney(sku.price)),
          h('span', { class: `stock stock-${availability}` },
            availability === 'sold-out' ? 'Sold out'
              : availability === 'insiders-only' ? `Insiders only until ${when(sku.insidersOnlyUntil)}`
                : `${AVAILABILITY_TEXT[availability]}: ${sku.available} left`),
          sku.stockByHub && sku.stockByHub.length > 0
            ? h('span', { class: 'hubs' }, sku.stockByHub.map((hub) => `${hubName(drop, hub.hubId)}: ${hub.available}`)
              .join(' · '))
            : null);
      })));
  }

  private buyForm(drop: Drop, phase: ReturnType<typeof phaseOf>): HTMLElement {
    const form = this.form;
    const skus = drop.skus;
    if (!skus.some((s) => s.sku === form.sku)) {
      form.sku = (skus.find((s) => s.available > 0) ?? skus[0]).sku;
    }
    if (!drop.shipping) {
      form.fulfilment = 'pickup';
    }
    if (form.fulfilment === 'pickup' && !drop.hubs.some((hub) => hub.hubId === form.hubId)) {
      form.hubId = drop.hubs[0]?.hubId ?? '';
    }
    const sku = skus.find((s) => s.sku === form.sku)!;
    const insider = this.accessToken !== null;
    const max = maxQuantity(drop, sku, insider, form.fulfilment === 'ship');
    form.quantity = Math.min(form.quantity, max);
    const canBuy = insider ? phase.insiderCanBuy : phase.publicCanBuy;
    const soldOut = sku.available <= 0;
    const hub = drop.hubs.find((x) => x.hubId === form.hubId);
    const input = (id: keyof Form, label: string, attributes: Record<string, string | boolean> = {}) =>
      h('p', { class: 'field' }, h('label', { for: id }, label),
        h('input', { id, name: id, value: String(form[id]), required: true, ...attributes,
          oninput: ((event: Event) => this.update(id, (event.target as HTMLInputElement).value)) as EventListener }));
    return h('form', { id: 'buy', 'aria-labelledby': 'buy-title', novalidate: true,
      onsubmit: ((event: Event) => { event.preventDefault(); void this.submit(soldOut ? 'waitlist' : 'checkout'); }) as EventListener },
    h('h2', { id: 'buy-title' }, 'Your order'),
    h('p', { class: 'field' }, h('label', { for: 'sku' }, 'Item'),
      h('select', { id: 'sku', name: 'sku', onchange: ((e: Event) => this.update('sku', (e.target as HTMLSelectElement).value)) as EventListener },
        skus.map((s) => h('option', { value: s.sku, selected: s.sku === form.sku },
          `${s.productName}, ${s.variantName} (${formatMoney(s.price)})${s.available <= 0 ? ', sold out' : ''}`)))),
    h('p', { class: 'field' }, h('label', { for: 'quantity' }, `Quantity (at most ${max})`),
      h('input', { id: 'quantity', name: 'quantity', type: 'number', min: 1, max, value: form.quantity, required: true,
        inputmode: 'numeric',
        oninput: ((e: Event) => this.update('quantity', (e.target as HTMLInputElement).value)) as EventListener })),
    input('email', 'E-mail', { type: 'email', autocomplete: 'email' }),
    drop.shipping && drop.hubs.length > 0 ? h('fieldset', { class: 'choice' }, h('legend', {}, 'Delivery'),
      (['ship', 'pickup'] as const).map((type) => h('label', { class: 'radio' },
        h('input', { type: 'radio', name: 'fulfilment', id: `fulfilment-${type}`, value: type,
          checked: form.fulfilment === type,
          onchange: (() => this.update('fulfilment', type)) as EventListener }),
        type === 'ship' ? ' Ship to me' : ' Pick up at a hub'))) : null,
    form.fulfilment === 'ship' ? h('fieldset', { class: 'address' }, h('legend', {}, 'Shipping address'),
      input('name', 'Name', { autocomplete: 'name' }), input('line1', 'Street and number', { autocomplete: 'address-line1' }),
      input('postalCode', 'Postal code', { autocomplete: 'postal-code' }), input('city', 'City', { autocomplete: 'address-level2' }),
      input('country', 'Country code (e.g. DE)', { autocomplete: 'country', maxlength: '2' }))
      : h('fieldset', { class: 'pickup' }, h('legend', {}, 'Pickup'),
        h('p', { class: 'field' }, h('label', { for: 'hubId' }, 'Hub'),
          h('select', { id: 'hubId', name: 'hubId', onchange: ((e: Event) => this.update('hubId', (e.target as HTMLSelectElement).value)) as EventListener },
            drop.hubs.map((x) => h('option', { value: x.hubId, selected: x.hubId === form.hubId }, x.name)))),
        hub && hub.slots.length > 0 ? h('p', { class: 'field' }, h('label', { for: 'slotId' }, 'Pickup time'),
          h('select', { id: 'slotId', name: 'slotId', onchange: ((e: Event) => this.update('slotId', (e.target as HTMLSelectElement).value)) as EventListener },
            h('option', { value: '' }, 'Choose a time'),
            hub.slots.map((slot) => h('option', { value: slot.slotId, selected: slot.slotId === form.slotId,
              disabled: slot.seatsLeft <= 0, 'data-seats': slot.seatsLeft },
            `${slotLabel(slot.start, slot.end)}: ${slot.seatsLeft > 0 ? `${slot.seatsLeft} of ${slot.capacity} places left` : 'full'}`))))
          : null),
    soldOut
      ? h('div', { class: 'actions' },
        h('button', { type: 'submit', id: 'waitlist', disabled: drop.status === 'closed' }, 'Join the waitlist'),
        drop.preorder && soldOutForGood(sku)
          ? h('button', { type: 'button', id: 'preorder', class: 'secondary',
            onclick: (() => void this.submit('preorder')) as EventListener },
          `Pre-order with a ${drop.preorder.depositBasisPoints / 100}% deposit`)
          : null)
      : h('div', { class: 'actions' },
        // In early access anyone may try: without their own link the answer says when everyone can buy.
        h('button', { type: 'submit', id: 'reserve', disabled: !canBuy && phase.tone !== 'insiders' },
          canBuy || phase.tone === 'insiders' ? 'Reserve' : 'Not on sale yet'),
        h('p', { class: 'hint' }, phase.tone === 'insiders' && !insider
          ? 'Early access is for insiders with their own link; everyone can buy when the countdown ends.'
          : `We hold your items for ${Math.round(drop.holdSeconds / 60)} minutes while you pay.`)));
  }

  private update(field: keyof Form, value: string): void {
    if (field === 'quantity') {
      this.form.quantity = Math.max(1, Number.parseInt(value, 10) || 1);
    } else {
      (this.form as unknown as Record<string, string>)[field] = value;
    }
    if (field === 'sku' || field === 'fulfilment' || field === 'hubId') {
      this.render();
    }
  }

  private request(): CheckoutRequest {
    const form = this.form;
    return {
      dropId: this.config.dropId,
      lines: [{ sku: form.sku, quantity: form.quantity }],
      buyer: { email: form.email.trim() },
      fulfilment: form.fulfilment === 'ship'
        ? { type: 'ship', address: { name: form.name.trim(), line1: form.line1.trim(), city: form.city.trim(),
          postalCode: form.postalCode.trim(), country: form.country.trim().toUpperCase() } }
        : { type: 'pickup', hubId: form.hubId, ...(form.slotId ? { slotId: form.slotId } : {}) },
      ...(this.accessToken ? { accessToken: this.accessToken } : {}),
    };
  }

  /** The key for this request: the same as last time if the buyer retries the same request, else a new one. */
  private keyOf(kind: string, request: CheckoutRequest): string {
    const described = kind + JSON.stringify(request);
    if (described !== this.keyFor) {
      this.key = crypto.randomUUID();
      this.keyFor = described;
    }
    return this.key;
  }

  private async submit(kind: 'checkout' | 'waitlist' | 'preorder'): Promise<void> {
    const request = this.request();
    const key = this.keyOf(kind, request);
    this.message = { text: kind === 'waitlist' ? 'Joining the waitlist…' : 'Reserving…', tone: 'info' };
    this.render();
    if (kind === 'waitlist') {
      const answer = await this.buyer.joinWaitlist(request, key);
      if (answer.ok) {
        this.waiting = { request, since: Date.now() };
        this.message = { text: answer.value === 'already' ? 'You were already on the waitlist.' : 'You are on the waitlist.', tone: 'info' };
        this.pollClaim();
      } else {
        this.message = { text: answer.sentence, tone: 'error' };
      }
      this.render();
      return;
    }
    const answer = kind === 'checkout' ? await this.buyer.checkout(request, key) : await this.buyer.preorder(request, key);
    this.onOrder(answer);
  }

  private onOrder(answer: Answer<Order>): void {
    if (answer.ok) {
      this.held = answer.value;
      if (answer.value.orderToken) {
        orderTokens.save(answer.value.orderId, answer.value.orderToken);
      }
      this.message = null;
      this.keyFor = '';
      this.watch.refresh((read) => this.onCatalog(read));
    } else {
      this.message = { text: answer.sentence, tone: 'error' };
      if (answer.problem.type?.endsWith('/slot-full') || answer.problem.type?.endsWith('/sold-out')) {
        this.watch.refresh((read) => this.onCatalog(read));
      }
    }
    this.render();
    document.getElementById(this.held ? 'pay' : 'message')?.focus();
  }

  private holdView(drop: Drop, order: Order): HTMLElement {
    const preorder = order.kind === 'preorder';
    const due = preorder && order.deposit ? order.deposit : order.amount;
    return h('section', { id: 'hold', 'aria-labelledby': 'hold-title' },
      h('h2', { id: 'hold-title', tabindex: -1 }, preorder ? 'Your pre-order is reserved' : 'Reserved for you'),
      h('ul', { class: 'lines' }, order.lines.map((line) => {
        const sku = drop.skus.find((s) => s.sku === line.sku);
        return h('li', {}, `${line.quantity} × ${sku ? `${sku.productName}, ${sku.variantName}` : line.sku}: `,
          formatMoney(line.total));
      })),
      h('p', {}, 'Total: ', h('strong', {}, formatMoney(order.amount)),
        preorder && order.deposit ? ` (deposit due now: ${formatMoney(order.deposit)})` : ''),
      h('p', { class: 'countdown' }, 'Pay within ',
        h('strong', { id: 'hold-countdown', 'data-to': order.holdExpiresAt }, countdown(this.clock.until(order.holdExpiresAt))),
        ' or the items go back on sale.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'pay', onclick: (() => void this.pay(order, 'succeed')) as EventListener },
          `Pay ${formatMoney(due)}`),
        this.config.paymentSimulator
          ? h('button', { type: 'button', id: 'decline', class: 'secondary',
            onclick: (() => void this.pay(order, 'fail')) as EventListener }, 'Try a declined card')
          : null),
      this.config.paymentSimulator
        ? h('p', { class: 'hint' }, 'Test mode: the payment simulator plays your bank; no card is charged.') : null,
      h('div', { id: 'payment-element' }));
  }

  private async pay(order: Order, outcome: 'succeed' | 'fail'): Promise<void> {
    if (!order.payment) {
      this.message = { text: 'Payment is not available right now. Your items stay reserved; please try again.', tone: 'error' };
      this.render();
      return;
    }
    let paid: boolean;
    if (this.config.paymentSimulator) {
      paid = await this.buyer.simulatePayment(this.base, order.payment.intentId, outcome) && outcome === 'succeed';
    } else if (this.config.stripePublishableKey) {
      paid = await payWithStripe(this.config.stripePublishableKey, order.payment.clientSecret,
        document.getElementById('payment-element')!, `${location.origin}${location.pathname}?order=${order.orderId}`);
    } else {
      paid = false;
    }
    if (paid) {
      history.pushState({}, '', `?order=${encodeURIComponent(order.orderId)}`);
      this.held = null;
      this.watch.stop();
      await this.confirmation(order.orderId);
    } else {
      this.message = { text: 'The payment did not go through. Your items stay reserved until the countdown ends; '
        + 'please try again.', tone: 'error' };
      this.render();
    }
  }

  private waitingView(drop: Drop): HTMLElement {
    const line = this.waiting!.request.lines[0];
    const sku = drop.skus.find((s) => s.sku === line.sku);
    return h('section', { id: 'waiting', 'aria-labelledby': 'waiting-title' },
      h('h2', { id: 'waiting-title' }, 'You are on the waitlist'),
      h('p', {}, `When ${sku ? `${sku.productName}, ${sku.variantName}` : line.sku} comes back, we hold it for you `
        + `for ${Math.round(drop.holdSeconds / 60)} minutes, in the order people joined. Keep this page open: it checks `
        + 'for you.'),
      h('button', { type: 'button', id: 'check-claim', onclick: (() => void this.checkClaim()) as EventListener },
        'Check now'));
  }

  /** A claim is redeemed by checking out again with the same e-mail: its order comes back, held for this buyer. */
  private async checkClaim(): Promise<void> {
    if (!this.waiting) {
      return;
    }
    const answer = await this.buyer.checkout(this.waiting.request, crypto.randomUUID());
    if (answer.ok) {
      this.waiting = null;
      this.onOrder(answer);
      this.message = { text: 'Good news: a unit came back and is held for you. Pay before the countdown ends.', tone: 'info' };
      this.render();
      document.getElementById('pay')?.focus();
    } else if (!answer.problem.type?.endsWith('/sold-out')) {
      this.message = { text: answer.sentence, tone: 'error' };
      this.render();
    }
  }

  private pollClaim(): void {
    const poll = async () => {
      if (!this.waiting) {
        return;
      }
      await this.checkClaim();
      setTimeout(poll, 5000);
    };
    setTimeout(poll, 5000);
  }

  private async confirmation(orderId: string): Promise<void> {
    const token = orderTokens.read(orderId);
    if (!token) {
      show(this.root, h('section', { id: 'confirmation' }, h('h1', {}, 'Your order'),
        h('p', { role: 'alert' }, 'This order can only be read in the tab it was placed in, or from your confirmation e-mail.')));
      return;
    }
    let answer = await this.buyer.order(orderId, token);
    for (let i = 0; i < 10 && answer.ok && answer.value.status === 'held'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      answer = await this.buyer.order(orderId, token);
    }
    if (!answer.ok) {
      show(this.root, h('section', { id: 'confirmation' }, h('h1', {}, 'Your order'), h('p', { role: 'alert' }, answer.sentence)));
      return;
    }
    const order = answer.value;
    const paid = order.status === 'paid' || order.status === 'reserved';
    show(this.root, h('section', { id: 'confirmation', 'aria-labelledby': 'confirmation-title' },
      h('h1', { id: 'confirmation-title', tabindex: -1 }, paid ? 'Thank you, your order is confirmed' : 'Your order'),
      h('p', { id: 'order-status' }, `Order ${order.orderId}: ${statusText(order.status)}.`),
      h('ul', { class: 'lines' }, order.lines.map((line) => h('li', {}, `${line.quantity} × ${line.sku}: `, formatMoney(line.total)))),
      h('p', {}, 'Total: ', h('strong', {}, formatMoney(order.amount))),
      h('p', { id: 'handover' }, handoverText(order.fulfilment)),
      order.fulfilment.readyAt && order.fulfilment.pickupCode && !order.fulfilment.collectedAt
        ? h('p', { class: 'pickup-code', 'aria-label': `Pickup code ${order.fulfilment.pickupCode.split('').join(' ')}` },
          order.fulfilment.pickupCode)
        : null,
      h('p', {}, h('a', { href: location.pathname }, 'Back to the drop'))));
    document.getElementById('confirmation-title')?.focus();
  }

  private tick(): void {
    for (const element of this.root.querySelectorAll<HTMLElement>('[data-to]')) {
      const left = this.clock.until(element.dataset.to!);
      element.textContent = countdown(left);
      if (left <= 0 && element.id === 'hold-countdown' && this.held) {
        this.held = null;
        this.message = { text: 'Your reservation expired and the items went back on sale. You can try again.', tone: 'error' };
        this.render();
        return;
      }
      if (left <= 0 && element.id === 'countdown') {
        // The opening or a wave is due: the phase follows from the server's clock now, and the stock from the next
        // read at the catalog's pace.
        this.render();
        return;
      }
    }
  }

  stop(): void {
    clearInterval(this.ticker);
    this.watch.stop();
  }
}

/** Where the order is on its way to the buyer: to be made ready, ready with its code, collected, or shipped. */
function handoverText(f: Order['fulfilment']): string {
  if (f.type === 'pickup') {
    if (f.collectedAt) {
      return `Collected at ${f.hubId} on ${when(f.collectedAt)}. Enjoy!`;
    }
    if (f.readyAt && f.pickupCode) {
      return `Ready for pickup at ${f.hubId} since ${when(f.readyAt)}: show the code ${f.pickupCode} at the counter.`;
    }
    return `Pick it up at ${f.hubId}; this page shows your pickup code once it is ready.`;
  }
  if (f.shippedAt) {
    return `Shipped on ${when(f.shippedAt)} with ${f.carrier ?? 'the carrier'}, tracking number ${f.trackingNumber ?? ''}.`;
  }
  return `We ship it to your address in ${f.country}.`;
}

function statusText(status: Order['status']): string {
  return {
    held: 'waiting for payment', paid: 'paid', expired: 'expired (not paid in time)', cancelled: 'cancelled',
    refunded: 'refunded', reserved: 'pre-order confirmed', balance_due: 'balance due',
  }[status];
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  try {
    const config = await loadConfig();
    const params = new URLSearchParams(location.search);
    const dropId = params.get('drop') ?? config.dropId;
    new Storefront({ ...config, dropId }, root, apiBaseUrl(config, location.origin)).start();
  } catch (error) {
    show(root, h('p', { role: 'alert' }, error instanceof Error ? error.message : 'This page could not start.'));
  }
}

void main();

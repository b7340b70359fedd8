// The merchant dashboard: sign in, the merchant's drops, and for one drop its numbers (tiles, units sold over time
// with the waves, sell-through per wave, hold-to-paid, demand), its ledger (paged), its books (reconcile), the CSV,
// and the actions, each confirmed first: pause and resume, release the next wave, flash restock, insiders' links.
// The "Your shop" tab: the shop's numbers across its drops (GET /shop/kpis), each a sentence or a labelled tile.
import '../style.css';
import './dashboard.css';
import { apiBaseUrl, loadConfig, type WebConfig } from '../config';
import { h, show } from '../dom';
import { formatMinor } from '../money';
import { when } from '../problems';
import { SalesChart } from './chart';
import { completeSignIn, startSignIn } from './cognito';
import { bucketFor, credential, MerchantApi, percent, type DropRow, type InsiderToken, type Kpis, type Ledger,
  type Result } from './merchant';
import { cohortRows, dropRows, fulfilmentFigures, NO_COHORTS, NO_DROPS, surveySentence, type Figure,
  type ShopKpis } from './shop';

const REFRESH_MS = 5000;

class Dashboard {
  private readonly api: MerchantApi;
  private dropId: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chart: SalesChart | null = null;
  private ledgerCursors: (string | undefined)[] = [undefined];
  private kpis: Kpis | null = null;
  private paused = false;
  private pausedChangedAt = 0;
  private name = '';
  private status = '';
  private tab: 'drop' | 'shop' = 'drop';

  constructor(private readonly config: WebConfig, private readonly root: HTMLElement, base: string) {
    this.api = new MerchantApi(base);
  }

  async start(): Promise<void> {
    if (this.config.merchantSignIn.type === 'cognito') {
      const token = await completeSignIn(this.config.merchantSignIn);
      if (token) {
        credential.save(token);
      }
    }
    if (!credential.read()) {
      this.signIn();
      return;
    }
    await this.list();
  }

  private signIn(sentence?: string): void {
    const signIn = this.config.merchantSignIn;
    show(this.root, h('section', { id: 'sign-in', 'aria-labelledby': 'sign-in-title' },
      h('h1', { id: 'sign-in-title' }, 'Merchant sign-in'),
      sentence ? h('p', { role: 'alert', class: 'message message-error' }, sentence) : null,
      signIn.type === 'cognito'
        ? h('button', { type: 'button', id: 'sign-in-button', onclick: (() => void startSignIn(signIn)) as EventListener },
          'Sign in with your shop account')
        : h('form', { onsubmit: ((event: Event) => {
          event.preventDefault();
          const key = (document.getElementById('merchant-key') as HTMLInputElement).value.trim();
          if (key) {
            credential.save(key);
            void this.list();
          }
        }) as EventListener },
        h('p', { class: 'field' }, h('label', { for: 'merchant-key' }, 'Merchant key'),
          h('input', { id: 'merchant-key', type: 'password', autocomplete: 'current-password', required: true })),
        h('p', { class: 'hint' }, 'Kept in this tab only, until you close it or sign out.'),
        h('button', { type: 'submit', id: 'sign-in-button' }, 'Sign in'))));
    document.getElementById('merchant-key')?.focus();
  }

  private signOut(): void {
    credential.forget();
    this.stop();
    this.signIn();
  }

  /** A refusal of the merchant API: 401 signs out, anything else is shown as its sentence. */
  private refused(result: Result<unknown>): boolean {
    if (result.ok) {
      return false;
    }
    if (result.status === 401) {
      credential.forget();
      this.stop();
      this.signIn('That key or session was not accepted. Please sign in again.');
    } else {
      this.note(result.sentence, 'error');
    }
    return true;
  }

  private async list(): Promise<void> {
    const result = await this.api.drops();
    if (!result.ok && result.status === 401) {
      this.refused(result);
      return;
    }
    const drops: DropRow[] = result.ok ? result.value.drops : [];
    const chosen = new URLSearchParams(location.search).get('drop')
      ?? (drops.some((d) => d.dropId === this.config.dropId) ? this.config.dropId : drops[0]?.dropId ?? this.config.dropId);
    show(this.root,
      h('div', { class: 'bar' }, h('h1', {}, 'Dashboard'),
        h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: (() => this.signOut()) as EventListener }, 'Sign out')),
      h('nav', { 'aria-label': 'Your drops' }, h('h2', {}, 'Your drops'),
        drops.length === 0 ? h('p', {}, 'No drops yet.') : scroller('Your drops', h('table', { class: 'drops' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Drop'), h('th', { scope: 'col' }, 'State'),
            h('th', { scope: 'col' }, 'Opens'), h('th', { scope: 'col' }, 'Sold'))),
          h('tbody', {}, drops.map((d) => h('tr', {},
            h('td', {}, h('a', { href: `?drop=${encodeURIComponent(d.dropId)}`, 'aria-current': d.dropId === chosen ? 'page' : null }, d.name)),
            h('td', {}, d.state), h('td', {}, when(d.opensAt)),
            h('td', {}, d.unitsSold === undefined ? '–' : `${d.unitsSold} of ${d.unitsReleased ?? '?'}`))))))),
      h('div', { class: 'actions tabs', role: 'group', 'aria-label': 'View' },
        h('button', { type: 'button', id: 'tab-drop', 'aria-pressed': 'true', onclick: (() => this.showTab('drop')) as EventListener },
          'This drop'),
        h('button', { type: 'button', id: 'tab-shop', class: 'secondary', 'aria-pressed': 'false', onclick: (() => this.showTab('shop')) as EventListener },
          'Your shop')),
      h('div', { id: 'drop-view' }),
      h('div', { id: 'shop-view', hidden: true }),
      h('div', { id: 'note', role: 'status', class: 'message' }),
      h('dialog', { id: 'confirm', 'aria-labelledby': 'confirm-title' }));
    this.dropId = chosen;
    this.renderDrop();
    await this.refresh();
  }

  private showTab(tab: 'drop' | 'shop'): void {
    this.tab = tab;
    for (const name of ['drop', 'shop'] as const) {
      document.getElementById(`${name}-view`)!.hidden = name !== tab;
      const button = document.getElementById(`tab-${name}`)!;
      button.setAttribute('aria-pressed', String(name === tab));
      button.classList.toggle('secondary', name !== tab);
    }
    if (tab === 'shop') {
      void this.loadShop();
    }
  }

  /** The shop's numbers across its drops; read when the tab is shown and with each refresh while it is. */
  private async loadShop(): Promise<void> {
    const result = await this.api.shopKpis();
    const view = document.getElementById('shop-view');
    if (!view || this.refused(result) || !result.ok) {
      return;
    }
    const k: ShopKpis = result.value;
    const cohorts = cohortRows(k);
    const drops = dropRows(k);
    const head = (...titles: string[]) => h('thead', {}, h('tr', {}, titles.map((title) => h('th', { scope: 'col' }, title))));
    show(view, h('section', { 'aria-labelledby': 'shop-title' },
      h('h2', { id: 'shop-title' }, 'Your shop, across its drops'),
      h('p', { class: 'hint' }, `Figures as of ${when(k.asOf)}.`),
      h('div', { id: 'shop-tiles', class: 'tiles' }, fulfilmentFigures(k).map(tile)),
      h('section', { 'aria-labelledby': 'shop-cohorts-title' },
        h('h3', { id: 'shop-cohorts-title' }, 'Repeat purchase within 90 days, by month of first purchase'),
        cohorts.length === 0 ? h('p', { id: 'shop-cohorts' }, NO_COHORTS) : scroller('Repeat purchase by cohort',
          h('table', { id: 'shop-cohorts' }, head('First purchase in', 'Buyers', 'Bought again', 'Repeat rate'),
            h('tbody', {}, cohorts.map((c) => h('tr', {}, h('td', {}, c.month), h('td', {}, c.buyers),
              h('td', {}, c.repeat), h('td', {}, c.rate))))))),
      h('section', { 'aria-labelledby': 'shop-drops-title' },
        h('h3', { id: 'shop-drops-title' }, 'Each drop: who was told, qualified demand, sell-through and survey'),
        drops.length === 0 ? h('p', { id: 'shop-drops' }, NO_DROPS) : scroller('Each drop',
          h('table', { id: 'shop-drops' }, head('Drop', 'Told', 'Qualified demand', 'Sold in 7 days', 'Sold in 30 days', 'Survey'),
            h('tbody', {}, drops.map((d) => h('tr', {}, h('td', {}, d.dropId), h('td', {}, d.notified),
              h('td', {}, d.demand), h('td', {}, d.sellThrough7d), h('td', {}, d.sellThrough30d), h('td', {}, d.survey))))))),
      h('section', { 'aria-labelledby': 'shop-survey-title' },
        h('h3', { id: 'shop-survey-title' }, 'Survey'), h('p', { id: 'shop-survey-sentence' }, surveySentence(k.survey)))));
  }

  private renderDrop(): void {
    const dropId = this.dropId!;
    const view = document.getElementById('drop-view')!;
    show(view,
      h('section', { 'aria-labelledby': 'drop-title' },
        h('h2', { id: 'drop-title' }, `Drop ${dropId}`),
        h('div', { id: 'tiles', class: 'tiles' }),
        h('figure', { class: 'chart' }, h('figcaption', { id: 'chart-caption' }, 'Units sold over time, with the waves'),
          h('div', { id: 'chart', role: 'img', 'aria-labelledby': 'chart-caption' })),
        h('div', { class: 'columns' },
          h('section', { 'aria-labelledby': 'waves-title' }, h('h3', { id: 'waves-title' }, 'Sell-through per wave'), h('div', { id: 'waves' })),
          h('section', { 'aria-labelledby': 'demand-title' }, h('h3', { id: 'demand-title' }, 'Demand'), h('div', { id: 'demand' }))),
        h('section', { 'aria-labelledby': 'books-title' }, h('h3', { id: 'books-title' }, 'Books'), h('div', { id: 'books' })),
        h('section', { 'aria-labelledby': 'actions-title' }, h('h3', { id: 'actions-title' }, 'Actions'), this.actions(dropId)),
        h('section', { 'aria-labelledby': 'ledger-title' }, h('h3', { id: 'ledger-title' }, 'Inventory ledger'), h('div', { id: 'ledger' }))));
    this.chart = new SalesChart(document.getElementById('chart')!);
    this.ledgerCursors = [undefined];
    void this.loadLedger(0);
  }

  private actions(dropId: string): HTMLElement {
    return h('div', { class: 'action-list' },
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'pause', onclick: (() => this.confirm(
          this.paused ? 'Resume sales?' : 'Pause sales?',
          this.paused ? 'Buyers can reserve again right away.' : 'Checkouts are refused until you resume; holds already made stay.',
          this.paused ? 'Resume' : 'Pause',
          async () => {
            if (this.done(await this.api.pause(dropId, !this.paused), this.paused ? 'Sales resumed.' : 'Sales paused.')) {
              this.showPaused(!this.paused);
            }
          })) as EventListener },
        'Pause sales'),
        h('button', { type: 'button', id: 'release', class: 'secondary', onclick: (() => {
          const next = this.kpis?.waves.find((wave) => wave.unitsReleased === 0);
          if (!next) {
            this.note('Every wave is already out.', 'info');
            return;
          }
          this.confirm(`Release wave ${next.wave} now?`, `Its units go on sale now instead of ${when(next.at)}.`,
            'Release', async () => { this.done(await this.api.releaseWave(dropId, next.wave), `Wave ${next.wave} released.`); });
        }) as EventListener }, 'Release the next wave now'),
        h('button', { type: 'button', id: 'csv', class: 'secondary', onclick: (() => void this.downloadCsv(dropId)) as EventListener },
          'Export orders (CSV)')),
      h('form', { id: 'flash-form', class: 'inline-form', onsubmit: ((event: Event) => {
        event.preventDefault();
        const sku = value('flash-sku');
        const units = Number(value('flash-units'));
        const minutes = Number(value('flash-minutes'));
        const emails = addresses(value('flash-emails'));
        this.confirm(`Restock ${units} × ${sku} for insiders?`, `For ${minutes} minutes only insiders with a link can buy them.`,
          'Restock', async () => {
            const result = await this.api.flashRestock(dropId, { sku, units, minutes, emails });
            if (this.done(result, `Restocked ${units} × ${sku}.`) && result.ok) {
              this.showLinks(result.value.tokens);
            }
          });
      }) as EventListener },
      h('h4', {}, 'Flash restock for insiders'),
      h('p', { class: 'field' }, h('label', { for: 'flash-sku' }, 'SKU'), h('select', { id: 'flash-sku', required: true })),
      h('p', { class: 'field' }, h('label', { for: 'flash-units' }, 'Units'), h('input', { id: 'flash-units', type: 'number', min: 1, value: 10, required: true })),
      h('p', { class: 'field' }, h('label', { for: 'flash-minutes' }, 'Minutes for insiders'), h('input', { id: 'flash-minutes', type: 'number', min: 1, max: 1440, value: 30, required: true })),
      h('p', { class: 'field' }, h('label', { for: 'flash-emails' }, 'Insiders\' e-mails (one per line, optional)'), h('textarea', { id: 'flash-emails', rows: 2 })),
      h('button', { type: 'submit', class: 'secondary' }, 'Restock')),
      h('form', { id: 'insiders-form', class: 'inline-form', onsubmit: ((event: Event) => {
        event.preventDefault();
        const emails = addresses(value('insider-emails'));
        this.confirm(`Issue ${emails.length} early-access link${emails.length === 1 ? '' : 's'}?`, 'Each link works for its own buyer only.',
          'Issue links', async () => {
            const result = await this.api.insiders(dropId, emails);
            if (this.done(result, 'Links issued.') && result.ok) {
              this.showLinks(result.value.tokens);
            }
          });
      }) as EventListener },
      h('h4', {}, 'Early-access links'),
      h('p', { class: 'field' }, h('label', { for: 'insider-emails' }, 'Insiders\' e-mails (one per line)'),
        h('textarea', { id: 'insider-emails', rows: 2, required: true })),
      h('button', { type: 'submit', class: 'secondary', id: 'issue-links' }, 'Issue links')),
      h('div', { id: 'links' }),
      this.handoverForm(dropId));
  }

  /** Hub staff hand an order over: ready (the buyer gets a pickup code), collected (with that code), or shipped. */
  private handoverForm(dropId: string): HTMLElement {
    const step = async (name: 'ready' | 'collected' | 'shipped', body: unknown, sentence: string) => {
      const orderId = value('handover-order');
      if (!orderId) {
        this.note('Enter the order number first.', 'error');
        return;
      }
      const result = await this.api.handover(dropId, orderId, name, body);
      if (!this.refused(result) && result.ok) {
        this.note(result.value.changed ? sentence : 'Already done: nothing changed.', 'info');
      }
    };
    return h('form', { id: 'handover-form', class: 'inline-form', onsubmit: ((event: Event) => event.preventDefault()) as EventListener },
      h('h4', {}, 'Hand over an order'),
      h('p', { class: 'field' }, h('label', { for: 'handover-order' }, 'Order number'),
        h('input', { id: 'handover-order', autocomplete: 'off', placeholder: 'ord_…' })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', id: 'handover-ready',
          onclick: (() => void step('ready', undefined, 'Marked ready: the buyer now sees their pickup code.')) as EventListener },
        'Ready for pickup')),
      h('p', { class: 'field' }, h('label', { for: 'handover-code' }, 'The buyer\'s pickup code'),
        h('input', { id: 'handover-code', autocomplete: 'off', maxlength: '6' })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', id: 'handover-collected',
          onclick: (() => void step('collected', { code: value('handover-code').toUpperCase() }, 'Collected.')) as EventListener },
        'Collected')),
      h('p', { class: 'field' }, h('label', { for: 'handover-carrier' }, 'Carrier'), h('input', { id: 'handover-carrier' })),
      h('p', { class: 'field' }, h('label', { for: 'handover-tracking' }, 'Tracking number'), h('input', { id: 'handover-tracking' })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', id: 'handover-shipped',
          onclick: (() => void step('shipped', { carrier: value('handover-carrier'), trackingNumber: value('handover-tracking') },
            'Shipped.')) as EventListener }, 'Shipped')));
  }

  private showLinks(tokens: InsiderToken[]): void {
    const store = new URL('/', location.origin);
    show(document.getElementById('links')!, tokens.length === 0 ? null : h('ul', { class: 'links' }, tokens.map((token) => {
      const link = `${store}?access=${encodeURIComponent(token.token)}`;
      return h('li', {}, h('span', {}, `${token.email} (until ${when(token.expiresAt)}): `),
        h('input', { readonly: true, value: link, 'aria-label': `Link for ${token.email}`, class: 'link' }),
        h('button', { type: 'button', class: 'secondary', onclick: (() => {
          void navigator.clipboard?.writeText(link);
          this.note(`Link for ${token.email} copied.`, 'info');
        }) as EventListener }, 'Copy'));
    })));
  }

  private confirm(title: string, text: string, action: string, run: () => Promise<void>): void {
    const dialog = document.getElementById('confirm') as HTMLDialogElement;
    show(dialog, h('h2', { id: 'confirm-title' }, title), h('p', {}, text),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'confirm-yes', onclick: (async () => {
          dialog.close();
          await run();
          await this.refresh();
        }) as EventListener }, action),
        h('button', { type: 'button', class: 'secondary', id: 'confirm-no', onclick: (() => dialog.close()) as EventListener }, 'Cancel')));
    dialog.showModal();
    document.getElementById('confirm-yes')?.focus();
  }

  private done(result: Result<unknown>, sentence: string): boolean {
    if (this.refused(result)) {
      return false;
    }
    this.note(result.ok && result.status === 409 ? 'Nothing changed.' : sentence, 'info');
    return true;
  }

  private note(text: string, tone: 'info' | 'error'): void {
    const note = document.getElementById('note');
    if (note) {
      note.className = `message message-${tone}`;
      note.textContent = text;
    }
  }

  private showPaused(paused: boolean): void {
    if (paused !== this.paused) {
      this.pausedChangedAt = Date.now();
    }
    this.paused = paused;
    const pause = document.getElementById('pause');
    if (pause) {
      pause.textContent = paused ? 'Resume sales' : 'Pause sales';
    }
    document.getElementById('drop-title')!.textContent = `${this.name} (${paused ? 'paused' : this.status})`;
  }

  private async downloadCsv(dropId: string): Promise<void> {
    const result = await this.api.csv(dropId);
    if (this.refused(result) || !result.ok) {
      return;
    }
    const url = URL.createObjectURL(new Blob([result.value], { type: 'text/csv' }));
    const link = h('a', { href: url, download: `${dropId}-orders.csv` });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this.note('Orders exported.', 'info');
  }

  private async refresh(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    const dropId = this.dropId;
    if (!dropId) {
      return;
    }
    const [kpis, sales, books, drop] = await Promise.all([this.api.kpis(dropId), this.api.sales(dropId, bucketFor(this.kpis)),
      this.api.reconcile(dropId), this.api.publicDrop(dropId)]);
    if (drop.ok) {
      const skus = document.getElementById('flash-sku') as HTMLSelectElement | null;
      if (skus && skus.options.length === 0) {
        show(skus, drop.value.skus.map((sku) => h('option', { value: sku.sku }, `${sku.sku}: ${sku.productName}, ${sku.variantName}`)));
      }
      this.name = drop.value.name;
      this.status = drop.value.status;
      // The catalog may lag the merchant's own action by its cache window: the action's answer is the truth.
      if (Date.now() - this.pausedChangedAt > 10_000) {
        this.showPaused(drop.value.paused);
      }
    }
    if (this.refused(kpis)) {
      return;
    }
    if (kpis.ok) {
      this.kpis = kpis.value;
      this.renderKpis(kpis.value);
    }
    if (sales.ok) {
      this.chart?.draw(sales.value);
      const sold = sales.value.points.reduce((sum, point) => sum + point.unitsSold, 0);
      document.getElementById('chart-caption')!.textContent = `Units sold over time, with the waves: ${sold} sold in `
        + `${sales.value.points.length} intervals of ${sales.value.bucket.replace('PT', '').toLowerCase()}`;
    }
    if (this.tab === 'shop') {
      await this.loadShop();
    }
    if (books.ok) {
      const value = books.value;
      show(document.getElementById('books')!,
        h('p', { id: 'books-status', class: value.clean ? 'ok' : 'drift' }, value.clean
          ? `The books balance (checked ${when(value.checkedAt)}): ledger, counters, orders and payments agree.`
          : `${value.drifts.length} drift${value.drifts.length === 1 ? '' : 's'} found (checked ${when(value.checkedAt)}):`),
        value.drifts.length === 0 ? null : h('ul', { class: 'drifts' }, value.drifts.map((drift) =>
          h('li', {}, h('strong', {}, `${drift.subject} (${drift.kind}): `), drift.detail))));
    }
    this.timer = setTimeout(() => void this.refresh(), REFRESH_MS);
  }

  private renderKpis(k: Kpis): void {
    const money = (minor: number) => formatMinor(minor, k.currency);
    const figure = (id: string, label: string, value: string, detail?: string) => tile({ id, label, value, detail });
    show(document.getElementById('tiles')!,
      figure('tile-sold', 'Units sold', String(k.sold), `of ${k.released} released, ${k.totalUnits} in all`),
      figure('tile-available', 'Available now', String(k.available), `${k.held} held for payment`),
      figure('tile-sell-through', 'Sell-through', percent(k.sellThrough), `7 days ${percent(k.sellThrough7d)}`),
      figure('tile-hold-to-paid', 'Hold → paid', percent(k.holdToPaid)),
      figure('tile-revenue', 'Revenue', money(k.revenueMinorUnits), `net ${money(k.netRevenueMinorUnits)} after ${money(k.feesMinorUnits)} fees`),
      figure('tile-orders', 'Orders', String(Object.values(k.ordersByStatus).reduce((a, b) => a + b, 0)),
        Object.entries(k.ordersByStatus).map(([status, n]) => `${n} ${status}`).join(', ') || 'none yet'));
    show(document.getElementById('waves')!, scroller('Sell-through per wave', h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Wave'), h('th', { scope: 'col' }, 'Out'),
        h('th', { scope: 'col' }, 'Released'), h('th', { scope: 'col' }, 'Sold'), h('th', { scope: 'col' }, 'Sell-through'))),
      h('tbody', {}, k.waves.map((wave) => {
        const rate = wave.unitsReleased > 0 ? wave.unitsSold / wave.unitsReleased : null;
        return h('tr', {}, h('td', {}, String(wave.wave)), h('td', {}, wave.unitsReleased > 0 ? when(wave.releasedAt ?? wave.at) : `due ${when(wave.at)}`),
          h('td', {}, String(wave.unitsReleased)), h('td', {}, String(wave.unitsSold)),
          h('td', {}, h('span', { class: 'bar-cell' }, h('span', { class: 'bar-fill', style: `width:${Math.round((rate ?? 0) * 100)}%` })),
            ` ${percent(rate)}`));
      })))));
    const d = k.demand;
    show(document.getElementById('demand')!, h('dl', { class: 'facts' },
      h('dt', {}, 'Waitlist'), h('dd', { id: 'demand-waitlist' }, `${d.waitlistEntries} places, ${d.waitlistBuyers} buyers`),
      h('dt', {}, 'Claims'), h('dd', {}, `${d.claimsOffered} offered, ${d.claimsPaid} paid (${percent(k.waitlistConversion)})`),
      h('dt', {}, 'Pre-orders'), h('dd', {}, String(d.preOrders)),
      h('dt', {}, 'Insiders notified'), h('dd', {}, String(d.insidersNotified)),
      h('dt', {}, 'Qualified demand'), h('dd', {}, percent(k.qualifiedDemandRate))));
  }

  private async loadLedger(page: number): Promise<void> {
    const dropId = this.dropId!;
    const result = await this.api.ledger(dropId, this.ledgerCursors[page]);
    const view = document.getElementById('ledger');
    if (!view || this.refused(result) || !result.ok) {
      return;
    }
    const ledger: Ledger = result.value;
    this.ledgerCursors[page + 1] = ledger.next;
    const signed = (n: number) => h('td', { class: n < 0 ? 'minus' : n > 0 ? 'plus' : 'zero' }, n > 0 ? `+${n}` : n === 0 ? '·' : String(n));
    show(view, scroller('Inventory ledger', h('table', { id: 'ledger-table' },
      h('thead', {}, h('tr', {}, ['When', 'SKU', 'Movement', 'Available', 'Held', 'Sold', 'Balance', 'Why', 'Order']
        .map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, ledger.entries.map((entry) => h('tr', {}, h('td', {}, when(entry.at)),
        h('td', {}, entry.hubId ? `${entry.sku} @ ${entry.hubId}` : entry.sku), h('td', {}, entry.movement),
        signed(entry.deltas.available), signed(entry.deltas.held), signed(entry.deltas.sold),
        h('td', {}, String(entry.balance)), h('td', {}, entry.reason), h('td', {}, entry.orderId ?? '')))))),
    h('div', { class: 'actions' },
      page > 0 ? h('button', { type: 'button', class: 'secondary', onclick: (() => void this.loadLedger(page - 1)) as EventListener }, 'Newer entries') : null,
      ledger.next ? h('button', { type: 'button', class: 'secondary', id: 'ledger-older', onclick: (() => void this.loadLedger(page + 1)) as EventListener }, 'Older entries') : null));
  }

  private stop(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }
}

/** A labelled figure: its label, its value large, a line of detail under it. */
function tile({ id, label, value, detail }: Omit<Figure, 'detail'> & { detail?: string }): HTMLElement {
  return h('div', { class: 'tile', id }, h('span', { class: 'tile-label' }, label), h('span', { class: 'tile-value' }, value),
    detail ? h('span', { class: 'tile-detail' }, detail) : null);
}

/** A table that may scroll sideways on a phone, in a region the keyboard can reach and scroll. */
function scroller(label: string, table: HTMLElement): HTMLElement {
  return h('div', { class: 'scroller', tabindex: 0, role: 'region', 'aria-label': label }, table);
}

function value(id: string): string {
  return (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement).value.trim();
}

function addresses(text: string): string[] {
  return text.split(/[\s,;]+/).map((s) => s.trim()).filter((s) => s.length > 0);
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  try {
    const config = await loadConfig();
    await new Dashboard(config, root, apiBaseUrl(config, location.origin)).start();
  } catch (error) {
    show(root, h('p', { role: 'alert' }, error instanceof Error ? error.message : 'The dashboard could not start.'));
  }
}

void main();

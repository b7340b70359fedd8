// The merchant API as the dashboard uses it, typed by docs/openapi.yaml's schemas: every call carries the merchant's credential (the key, or the Cognito
// token when deployed), kept in this tab's sessionStorage only: never in a URL, never in localStorage.
import type { components } from '../api/schema';
import { sentenceFor, type Problem } from '../problems';

type Schemas = components['schemas'];
export type Kpis = Schemas['DropKpis'];
export type Books = Schemas['Reconciliation'];
export type Sales = Schemas['SalesSeries'];
export type Ledger = Schemas['LedgerPage'];
export type DropRow = Schemas['MerchantDrop'];
export interface InsiderToken { email: string; token: string; expiresAt: string }

export type Result<T> = { ok: true; value: T; status: number } | { ok: false; status: number; sentence: string; problem?: Problem };

const CREDENTIAL = 'microdrop.merchant.credential';

export const credential = {
  read: (): string | null => sessionStorage.getItem(CREDENTIAL),
  save: (value: string): void => sessionStorage.setItem(CREDENTIAL, value),
  forget: (): void => sessionStorage.removeItem(CREDENTIAL),
};

export class MerchantApi {
  constructor(private readonly base: string, private readonly fetchImpl: typeof fetch = (i, o) => fetch(i, o)) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, accept = 'application/json'): Promise<Result<T>> {
    const token = credential.read();
    const headers: Record<string, string> = { accept };
    if (token) {
      headers.authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}${path}`, { method, headers, cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      return { ok: false, status: 0, sentence: 'We could not reach the merchant API. Retrying shortly.' };
    }
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('problem+json')) {
      const problem = await response.json() as Problem;
      return { ok: false, status: response.status, sentence: sentenceFor(problem), problem };
    }
    const value = (type.includes('json') ? await response.json() : await response.text()) as T;
    return response.ok || response.status === 409 ? { ok: true, value, status: response.status }
      : { ok: false, status: response.status, sentence: 'Something went wrong on our side.' };
  }

  private drop(dropId: string, rest: string): string {
    return `/merchant/drops/${encodeURIComponent(dropId)}${rest}`;
  }

  /** The drop as buyers see it (the public catalog): its name, status and whether sales are paused. */
  publicDrop = (dropId: string) => this.call<components['schemas']['Drop']>('GET',
    `/drops/${encodeURIComponent(dropId)}`);
  drops = () => this.call<{ drops: DropRow[] }>('GET', '/merchant/drops');
  kpis = (dropId: string) => this.call<Kpis>('GET', this.drop(dropId, '/kpis'));
  sales = (dropId: string, bucket: string) => this.call<Sales>('GET', this.drop(dropId, `/sales?bucket=${bucket}`));
  ledger = (dropId: string, cursor?: string) => this.call<Ledger>('GET',
    this.drop(dropId, `/ledger?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
  reconcile = (dropId: string) => this.call<Books>('GET', this.drop(dropId, '/reconcile'));
  csv = (dropId: string) => this.call<string>('GET', this.drop(dropId, '/orders.csv'), undefined, 'text/csv');
  pause = (dropId: string, paused: boolean) => this.call<unknown>('POST', this.drop(dropId, paused ? '/pause' : '/resume'));
  releaseWave = (dropId: string, wave: number) => this.call<unknown>('POST', this.drop(dropId, `/waves/${wave}/release`));
  flashRestock = (dropId: string, body: { sku: string; units: number; minutes: number; emails: string[] }) =>
    this.call<{ flashUntil: string; tokens: InsiderToken[] }>('POST', this.drop(dropId, '/flash-restock'), body);
  handover = (dropId: string, orderId: string, step: 'ready' | 'collected' | 'shipped', body?: unknown) =>
    this.call<components['schemas']['HandoverAnswer']>('POST',
      this.drop(dropId, `/orders/${encodeURIComponent(orderId)}/${step}`), body);
  /** The shop's numbers across its drops (the shop function's; the same credential). */
  shopKpis = () => this.call<Schemas['ShopKpis']>('GET', '/shop/kpis');
  insiders = (dropId: string, emails: string[]) =>
    this.call<{ tokens: InsiderToken[] }>('POST', this.drop(dropId, '/insiders'), { emails });
}

/** A fraction as a percentage a person reads; a dash when there is nothing to divide by. */
export function percent(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined ? '–' : `${(fraction * 100).toFixed(1)}%`;
}

/** Buckets for the sales chart: the finest of 10 s .. 1 h that splits the time since the first sale in at most 360. */
export function bucketFor(kpis: Kpis | null, now = Date.now()): string {
  const first = kpis?.waves[0]?.releasedAt ?? kpis?.waves[0]?.at;
  const elapsed = first ? Math.max(0, now - Date.parse(first)) / 1000 : 0;
  for (const [bucket, seconds] of [['PT10S', 10], ['PT1M', 60], ['PT5M', 300], ['PT15M', 900]] as const) {
    if (elapsed / seconds <= 360) {
      return bucket;
    }
  }
  return 'PT1H';
}

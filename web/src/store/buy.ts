// The buyer's actions against the API: hold (checkout), pre-order, join the waitlist, read an order, pay. Each
// answer becomes an outcome the page can show; a refusal becomes its sentence, never its JSON.
import type { components } from '../api/schema';
import { apiClient } from '../api/client';
import { sentenceFor, type Problem } from '../problems';

export type CheckoutRequest = components['schemas']['CheckoutRequest'];
export type Order = components['schemas']['Order'];

export type Answer<T> =
  | { ok: true; value: T; status: number }
  | { ok: false; problem: Problem; sentence: string; status: number };

type Client = ReturnType<typeof apiClient>;

const offline: Problem = { type: 'about:blank', title: 'Offline', status: 0, detail: 'The API could not be reached.' };

function refused<T>(error: unknown, status: number): Answer<T> {
  const problem = (error && typeof error === 'object' && 'type' in error ? error : offline) as Problem;
  const sentence = problem === offline
    ? 'We could not reach the shop. Please check your connection and try again.'
    : sentenceFor(problem);
  return { ok: false, problem, sentence, status };
}

/** One buyer's requests; {@code key} is the Idempotency-Key of the request the form currently describes. */
export class Buyer {
  constructor(private readonly client: Client, private readonly fetchImpl: typeof fetch = (i, o) => fetch(i, o)) {}

  async checkout(request: CheckoutRequest, key: string): Promise<Answer<Order>> {
    return this.send('/checkout', request, key);
  }

  async preorder(request: CheckoutRequest, key: string): Promise<Answer<Order>> {
    return this.send('/preorders', request, key);
  }

  async joinWaitlist(request: CheckoutRequest, key: string): Promise<Answer<'joined' | 'already'>> {
    try {
      const { response, error } = await this.client.POST('/waitlist', {
        params: { header: { 'Idempotency-Key': key } }, body: request,
      });
      return response.ok ? { ok: true, value: response.status === 200 ? 'already' : 'joined', status: response.status }
        : refused(error, response.status);
    } catch {
      return refused(null, 0);
    }
  }

  async order(orderId: string, token: string): Promise<Answer<Order>> {
    try {
      const { data, error, response } = await this.client.GET('/orders/{orderId}', {
        params: { path: { orderId } }, headers: { Authorization: `Bearer ${token}` },
      });
      return data ? { ok: true, value: data, status: response.status } : refused(error, response.status);
    } catch {
      return refused(null, 0);
    }
  }

  /** Locally only: the payment simulator plays the buyer's side at the payment provider. */
  async simulatePayment(baseUrl: string, intentId: string, outcome: 'succeed' | 'fail'): Promise<boolean> {
    try {
      const response = await this.fetchImpl(`${baseUrl}/simulator/payments/${encodeURIComponent(intentId)}/${outcome}`,
        { method: 'POST' });
      return response.ok;
    } catch {
      return false;
    }
  }

  private async send(path: '/checkout' | '/preorders', request: CheckoutRequest, key: string): Promise<Answer<Order>> {
    try {
      const { data, error, response } = await this.client.POST(path, {
        params: { header: { 'Idempotency-Key': key } }, body: request,
      });
      return data ? { ok: true, value: data, status: response.status } : refused(error, response.status);
    } catch {
      return refused(null, 0);
    }
  }
}

/** Where an order's token is kept: this tab only, never the URL (it reads the buyer's order). */
export const orderTokens = {
  save(orderId: string, token: string): void {
    sessionStorage.setItem(`microdrop.order.${orderId}`, token);
  },
  read(orderId: string): string | null {
    return sessionStorage.getItem(`microdrop.order.${orderId}`);
  },
};

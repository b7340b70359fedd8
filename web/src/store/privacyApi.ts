// The shop's privacy doors from the storefront's /privacy/ page: ask for a link (mailed to the address), read the
// export, erase. Every refusal comes back as its sentence, never as JSON.
import { apiClient } from '../api/client';
import type { components } from '../api/schema';
import { sentenceFor, type Problem } from '../problems';

export type Export = components['schemas']['BuyerExport'];
export type Erasure = components['schemas']['BuyerErasure'];
export type Answer<T> = { ok: true; value: T } | { ok: false; sentence: string };

const OFFLINE = 'We could not reach the shop. Please check your connection and try again.';
const LINK = 'This link does not work or has expired (a link works for a day). Ask for a new one below.';

function answer<T>(data: T | undefined, error: unknown): Answer<T> {
  if (data) {
    return { ok: true, value: data };
  }
  const problem = (error ?? {}) as Problem;
  return { ok: false, sentence: problem.type?.endsWith('/link-invalid') ? LINK : sentenceFor(problem) };
}

export class Privacy {
  private readonly client;

  constructor(base: string, fetchImpl?: typeof fetch) {
    this.client = apiClient(base, fetchImpl);
  }

  async request(email: string, request: 'export' | 'erase'): Promise<Answer<unknown>> {
    try {
      const { data, error } = await this.client.POST('/shop/privacy', { body: { email, request } });
      return answer(data, error);
    } catch {
      return { ok: false, sentence: OFFLINE };
    }
  }

  async export(token: string): Promise<Answer<Export>> {
    try {
      const { data, error } = await this.client.GET('/shop/privacy/export', { params: { query: { token } } });
      return answer(data, error);
    } catch {
      return { ok: false, sentence: OFFLINE };
    }
  }

  async erase(token: string): Promise<Answer<Erasure>> {
    try {
      const { data, error } = await this.client.POST('/shop/privacy/erase', { body: { token } });
      return answer(data, error);
    } catch {
      return { ok: false, sentence: OFFLINE };
    }
  }
}

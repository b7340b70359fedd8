// The shop's audience from the storefront's pages: sign up (the API mails a double opt-in link), confirm with the
// link's token, and the one-click unsubscribe (RFC 8058's POST). Every refusal comes back as its sentence.
import { apiClient } from '../api/client';
import type { components } from '../api/schema';
import { sentenceFor, type Problem } from '../problems';

export type SignUp = components['schemas']['AudienceSignUp'];
export type State = components['schemas']['AudienceState']['state'];
export type Outcome = { ok: true; state: State } | { ok: false; sentence: string };

/** The version of the consent text {@link CONSENT_TEXT}: recorded with each sign-up; change both together. */
export const CONSENT_VERSION = '2026-12';
export const CONSENT_TEXT = 'Yes, mail me when a drop is coming (at most a few mails a month). Every mail has a '
  + 'one-click unsubscribe link.';
/** What a person may ask to hear about. */
export const INTERESTS: readonly { id: string; label: string }[] = [
  { id: 'sneakers', label: 'Sneakers' }, { id: 'apparel', label: 'Apparel' }, { id: 'accessories', label: 'Accessories' },
];

const OFFLINE = 'We could not reach the shop. Please check your connection and try again.';

function outcome(data: { state: State } | undefined, error: unknown): Outcome {
  if (data) {
    return { ok: true, state: data.state };
  }
  return { ok: false, sentence: sentenceFor((error ?? {}) as Problem) };
}

export class Audience {
  private readonly client;

  constructor(base: string, fetchImpl?: typeof fetch) {
    this.client = apiClient(base, fetchImpl);
  }

  async signUp(request: SignUp): Promise<Outcome> {
    try {
      const { data, error } = await this.client.POST('/shop/audience', { body: request });
      return outcome(data, error);
    } catch {
      return { ok: false, sentence: OFFLINE };
    }
  }

  async confirm(token: string): Promise<Outcome> {
    try {
      const { data, error } = await this.client.POST('/shop/audience/confirm', { body: { token } });
      return outcome(data, error);
    } catch {
      return { ok: false, sentence: OFFLINE };
    }
  }

  /** The one-click POST, form-encoded as a mail client sends it. */
  async unsubscribe(token: string): Promise<Outcome> {
    try {
      const { data, error } = await this.client.POST('/shop/unsubscribe', {
        params: { query: { token } },
        body: { 'List-Unsubscribe': 'One-Click' },
        bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      return outcome(data, error);
    } catch {
      return { ok: false, sentence: OFFLINE };
    }
  }
}

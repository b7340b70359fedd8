// What the page learns from the server it was served by: config.json, written next to the pages by the drop's
// stack (or served by the local runtime). Nothing secret is in it.
export interface WebConfig {
  /** The drop this storefront sells. */
  dropId: string;
  /** Where the API is, relative to the page's origin: "" when the pages and the API share one origin. */
  apiBase: string;
  /** How a merchant signs in to the dashboard: the merchant key (local, scripts) or the stack's Cognito pool. */
  merchantSignIn: { type: 'key' } | { type: 'cognito'; userPoolId: string; clientId: string; region: string;
    domain?: string };
  /** Locally: pay with the payment simulator instead of a card. */
  paymentSimulator?: boolean;
  /** Deployed with Stripe: the publishable key Stripe.js needs (only loaded once a buyer pays). */
  stripePublishableKey?: string;
}

export async function loadConfig(fetchImpl: typeof fetch = fetch): Promise<WebConfig> {
  const response = await fetchImpl('/config.json', { cache: 'no-cache' });
  if (!response.ok) {
    throw new Error('This page is not set up: its config.json is missing.');
  }
  return await response.json() as WebConfig;
}

/** The API's base URL for a page at {@code origin}. */
export function apiBaseUrl(config: WebConfig, origin: string): string {
  return new URL(config.apiBase || '/', origin).toString().replace(/\/$/, '');
}

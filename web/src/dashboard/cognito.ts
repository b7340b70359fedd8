// Deployed, the merchant signs in at the stack's Cognito user pool (its managed login: the invitation, the
// password, MFA), with the authorization code flow and PKCE, as a public client with no secret. The ID token it
// returns is kept in this tab (sessionStorage) and sent as the bearer; the merchant function verifies it against
// the pool's keys. Locally the merchant key is used instead (see main.ts).
type CognitoSignIn = { type: 'cognito'; userPoolId: string; clientId: string; region: string; domain?: string };

const VERIFIER = 'microdrop.merchant.pkce';

function base64Url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return btoa(String.fromCharCode(...view)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function domainOf(config: CognitoSignIn): string {
  return config.domain?.startsWith('https://') ? config.domain : `https://${config.domain}`;
}

function redirectUri(): string {
  return `${location.origin}${location.pathname}`;
}

export async function startSignIn(config: CognitoSignIn): Promise<void> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(VERIFIER, verifier);
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL('/oauth2/authorize', domainOf(config));
  url.search = new URLSearchParams({ response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(),
    scope: 'openid email', code_challenge_method: 'S256', code_challenge: challenge }).toString();
  location.assign(url.toString());
}

/** Back from the managed login with ?code=: exchanges it for tokens and returns the ID token (the URL is cleaned). */
export async function completeSignIn(config: CognitoSignIn): Promise<string | null> {
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(VERIFIER);
  if (!code || !verifier) {
    return null;
  }
  history.replaceState({}, '', redirectUri());
  sessionStorage.removeItem(VERIFIER);
  const response = await fetch(new URL('/oauth2/token', domainOf(config)), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code,
      redirect_uri: redirectUri(), code_verifier: verifier }),
  });
  if (!response.ok) {
    return null;
  }
  const tokens = await response.json() as { id_token?: string };
  return tokens.id_token ?? null;
}

// The deployed dashboard's sign-in, in the browser: the authorization code flow with PKCE against the stack's
// Cognito domain (played here by the browser's network layer, since no Cognito runs locally). The page sends the
// merchant to the managed login with an S256 challenge, exchanges the code with the verifier that hashes to it, keeps
// the ID token in the tab only and sends it as the bearer to the merchant API.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { desktop, withBrowser } from './browser';
import { base } from './drops';

const browser = withBrowser();

const DOMAIN = 'https://shop.auth.eu-central-1.amazoncognito.com';

describe('signing in with the stack\'s Cognito pool', () => {
  it('runs the code flow with PKCE and sends the ID token as the bearer', async () => {
    const context = await desktop(browser());
    const page = await context.newPage();
    await page.route('**/config.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({
      dropId: 'neon-runners', apiBase: '', merchantSignIn: { type: 'cognito', userPoolId: 'eu-central-1_abc',
        clientId: 'client-123', region: 'eu-central-1', domain: 'shop.auth.eu-central-1.amazoncognito.com' } }) }));
    let authorize: URL | null = null;
    let exchanged: URLSearchParams | null = null;
    await page.route(`${DOMAIN}/oauth2/authorize*`, (route) => {
      authorize = new URL(route.request().url());
      return route.fulfill({ status: 302, headers: { location: `${authorize.searchParams.get('redirect_uri')}?code=the-code` } });
    });
    await page.route(`${DOMAIN}/oauth2/token`, (route) => {
      exchanged = new URLSearchParams(route.request().postData() ?? '');
      return route.fulfill({ contentType: 'application/json', headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify({ id_token: 'header.payload.signature', access_token: 'a', token_type: 'Bearer' }) });
    });
    const bearers: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/merchant/')) {
        bearers.push(request.headers().authorization ?? '');
      }
    });

    await page.goto(`${base()}/dashboard/`);
    await page.click('#sign-in-button');
    // Back from the managed login: the merchant API refuses this made-up token (401), so the page asks again.
    await page.locator('#sign-in-title').waitFor();
    await expect.poll(() => page.locator('#sign-in [role=alert]').textContent())
      .toBe('That key or session was not accepted. Please sign in again.');

    expect(authorize!.searchParams.get('client_id')).toBe('client-123');
    expect(authorize!.searchParams.get('response_type')).toBe('code');
    expect(authorize!.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize!.searchParams.get('redirect_uri')).toBe(`${base()}/dashboard/`);
    const verifier = exchanged!.get('code_verifier')!;
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(authorize!.searchParams.get('code_challenge'));
    expect(exchanged!.get('code')).toBe('the-code');
    expect(exchanged!.get('grant_type')).toBe('authorization_code');
    expect(bearers[0]).toBe('Bearer header.payload.signature');
    expect(page.url()).toBe(`${base()}/dashboard/`);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).toBe('{}');
    await context.close();
  });
});

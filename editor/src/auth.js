// Sign-in with OpenID Connect: authorization code with PKCE (S256), as a public client.
// The same code signs in against Cognito's managed login in AWS and the local issuer (/oidc).

const PENDING = 'broadsheet.signin';
const TOKENS = 'broadsheet.tokens';

/** base64url without padding of some bytes. */
export function base64url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random base64url string of `size` random bytes (43 characters for 32 bytes: a valid PKCE verifier). */
export function randomString(size = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

/** The S256 challenge of a verifier (RFC 7636 4.2). */
export async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(digest);
}

/** The claims of a JWT, read without verification: only for display (the API verifies every token). */
export function claimsOf(jwt) {
  const part = jwt.split('.')[1] ?? '';
  const text = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

export async function discover(issuer) {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, { credentials: 'omit' });
  if (!response.ok) throw new Error(`sign-in is unavailable (discovery answered ${response.status})`);
  return response.json();
}

/** Sends the browser to the sign-in page. */
export async function beginSignIn(config, discovery, storage = sessionStorage, go = (url) => location.assign(url)) {
  const verifier = randomString(32);
  const state = randomString(16);
  const nonce = randomString(16);
  storage.setItem(PENDING, JSON.stringify({ verifier, state, nonce }));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid profile',
    state,
    nonce,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  go(url.toString());
}

/** Finishes a sign-in on return with ?code&state: exchanges the code for tokens. */
export async function completeSignIn(config, discovery, params, storage = sessionStorage) {
  const pending = JSON.parse(storage.getItem(PENDING) ?? 'null');
  storage.removeItem(PENDING);
  if (params.get('error')) throw new Error(`sign-in refused: ${params.get('error_description') ?? params.get('error')}`);
  if (!pending || params.get('state') !== pending.state) throw new Error('sign-in failed: the answer does not match the request');
  const tokens = await tokenRequest(discovery, {
    grant_type: 'authorization_code',
    code: params.get('code') ?? '',
    redirect_uri: config.redirectUri,
    client_id: config.clientId,
    code_verifier: pending.verifier,
  });
  if (tokens.id_token && claimsOf(tokens.id_token).nonce !== pending.nonce) {
    throw new Error('sign-in failed: the ID token does not match the request');
  }
  save(tokens, storage);
  return tokens;
}

/** New access token from the refresh token; null when there is none or it was refused. */
export async function refresh(config, discovery, storage = sessionStorage) {
  const current = saved(storage);
  if (!current?.refresh_token) return null;
  try {
    const tokens = await tokenRequest(discovery, {
      grant_type: 'refresh_token',
      refresh_token: current.refresh_token,
      client_id: config.clientId,
    });
    save({ ...current, ...tokens }, storage);
    return tokens.access_token;
  } catch {
    storage.removeItem(TOKENS);
    return null;
  }
}

export function saved(storage = sessionStorage) {
  return JSON.parse(storage.getItem(TOKENS) ?? 'null');
}

function save(tokens, storage) {
  storage.setItem(TOKENS, JSON.stringify({
    access_token: tokens.access_token,
    id_token: tokens.id_token,
    refresh_token: tokens.refresh_token,
  }));
}

/** Revokes the refresh token, forgets the tokens and ends the provider's session. */
export async function signOut(config, discovery, storage = sessionStorage, go = (url) => location.assign(url)) {
  const current = saved(storage);
  storage.removeItem(TOKENS);
  const revocation = config.revocationEndpoint ?? discovery.revocation_endpoint;
  if (current?.refresh_token && revocation) {
    await fetch(revocation, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: current.refresh_token, client_id: config.clientId }),
    }).catch(() => {});
  }
  const logout = new URL(config.logoutEndpoint ?? discovery.end_session_endpoint);
  logout.search = new URLSearchParams({ client_id: config.clientId, logout_uri: config.logoutUri ?? config.redirectUri }).toString();
  go(logout.toString());
}

async function tokenRequest(discovery, form) {
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    credentials: 'omit',
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`sign-in failed: ${body.error_description ?? body.error ?? response.status}`);
  return body;
}

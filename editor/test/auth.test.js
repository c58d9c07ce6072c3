import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base64url, beginSignIn, challengeOf, claimsOf, completeSignIn, randomString, signOut } from '../src/auth.js';

function memoryStorage() {
  const items = new Map();
  return {
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => items.set(k, String(v)),
    removeItem: (k) => items.delete(k),
  };
}

const config = { clientId: 'broadsheet-editor', redirectUri: 'http://localhost:8080/admin/' };
const discovery = { authorization_endpoint: 'http://localhost:8080/oidc/authorize', token_endpoint: 'http://localhost:8080/oidc/token' };

test('the S256 challenge is the one of RFC 7636 appendix B', async () => {
  assert.equal(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('verifiers are 43 base64url characters and differ', () => {
  const a = randomString(32);
  assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, randomString(32));
  assert.equal(base64url(new Uint8Array([251, 255])), '-_8');
});

test('sign-in sends the browser to the authorization endpoint with an S256 challenge of the stored verifier', async () => {
  const storage = memoryStorage();
  let target;
  await beginSignIn(config, discovery, storage, (url) => { target = new URL(url); });
  const pending = JSON.parse(storage.getItem('broadsheet.signin'));
  assert.equal(target.origin + target.pathname, discovery.authorization_endpoint);
  assert.equal(target.searchParams.get('response_type'), 'code');
  assert.equal(target.searchParams.get('client_id'), config.clientId);
  assert.equal(target.searchParams.get('redirect_uri'), config.redirectUri);
  assert.equal(target.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(target.searchParams.get('code_challenge'), await challengeOf(pending.verifier));
  assert.equal(target.searchParams.get('state'), pending.state);
});

test('an answer with another state is refused before any token request', async () => {
  const storage = memoryStorage();
  storage.setItem('broadsheet.signin', JSON.stringify({ verifier: 'v', state: 'mine', nonce: 'n' }));
  await assert.rejects(completeSignIn(config, discovery, new URLSearchParams('code=c&state=theirs'), storage),
    /does not match/);
  assert.equal(storage.getItem('broadsheet.signin'), null, 'a pending sign-in is used once');
});

test('claims are read from the payload for display', () => {
  const payload = base64url(new TextEncoder().encode(JSON.stringify({ username: 'Zoë', 'cognito:groups': ['editors'] })));
  assert.deepEqual(claimsOf(`h.${payload}.s`), { username: 'Zoë', 'cognito:groups': ['editors'] });
});

test('sign-out revokes at and returns to what config.json names (AWS: the managed login domain, /admin/)', async () => {
  const aws = {
    clientId: 'c1i3nt',
    redirectUri: 'https://news.example.com/admin/callback/',
    logoutUri: 'https://news.example.com/admin/',
    revocationEndpoint: 'https://broadsheet-dev-1.auth.eu-west-1.amazoncognito.com/oauth2/revoke',
    logoutEndpoint: 'https://broadsheet-dev-1.auth.eu-west-1.amazoncognito.com/logout',
  };
  const storage = memoryStorage();
  storage.setItem('broadsheet.tokens', JSON.stringify({ access_token: 'a', refresh_token: 'r3fr3sh' }));
  const posted = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, options) => { posted.push({ url, body: String(options.body) }); return new Response(''); };
  let target;
  try {
    await signOut(aws, {}, storage, (url) => { target = new URL(url); });
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.deepEqual(posted, [{ url: aws.revocationEndpoint, body: 'token=r3fr3sh&client_id=c1i3nt' }]);
  assert.equal(target.origin + target.pathname, aws.logoutEndpoint);
  assert.equal(target.searchParams.get('client_id'), 'c1i3nt');
  assert.equal(target.searchParams.get('logout_uri'), aws.logoutUri, 'the registered sign-out URL, not the callback');
  assert.equal(storage.getItem('broadsheet.tokens'), null);
});

test('sign-out falls back to the discovery document and the redirect URI (the local issuer)', async () => {
  const storage = memoryStorage();
  let target;
  await signOut(config, { end_session_endpoint: 'http://localhost:8080/oidc/logout' }, storage, (url) => { target = new URL(url); });
  assert.equal(target.origin + target.pathname, 'http://localhost:8080/oidc/logout');
  assert.equal(target.searchParams.get('logout_uri'), config.redirectUri);
});

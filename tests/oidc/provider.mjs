// A real OpenID provider for the tests: npm oidc-provider on a free port of 127.0.0.1.
//
//   node tests/oidc/provider.mjs --client-id delbar --client-secret s3cret \
//        --redirect-uri http://127.0.0.1:8000/api/sso/callback --post-logout-uri http://127.0.0.1:8000/
//
// Prints one JSON line ({"issuer": ...}) once it listens. People sign in on the provider's own
// development login form: the login is the account id below, any password. Consent is granted
// at once. Two routes exist for the tests only:
//   POST /test/accounts/<id>  a JSON object of claims replaces that account's (a group change)
//   POST /test/tamper         {"mode": "..."} changes the next ID token the token endpoint hands
//                             out: wrong_key, wrong_audience, expired, other_issuer, none to stop.
import http from 'node:http';
import { parseArgs } from 'node:util';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    'client-id': { type: 'string', default: 'delbar' },
    'client-secret': { type: 'string', default: 'delbar-test-secret' },
    'redirect-uri': { type: 'string', multiple: true, default: [] },
    'post-logout-uri': { type: 'string', multiple: true, default: [] },
  },
});

const accounts = {
  anna: {
    email: 'anna.andersson@ystad.exempel.se', email_verified: true, name: 'Anna Andersson',
    locale: 'sv', department: 'Kultur och fritid', groups: ['delbar-samordnare'],
  },
  bertil: {
    email: 'bertil.berg@ystad.exempel.se', email_verified: true, name: 'Bertil Berg',
    locale: 'en', department: 'Miljö', groups: [],
  },
  cecilia: {
    email: 'cecilia@annan-kommun.exempel.se', email_verified: true, name: 'Cecilia Carlsson',
    department: 'Kultur och fritid', groups: [],
  },
};

let tamper = 'none';

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

async function tampered(idToken, signingKey, issuer) {
  const claims = jose.decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  let key = signingKey.privateKey;
  let kid = signingKey.kid;
  if (tamper === 'wrong_key') {
    ({ privateKey: key } = await jose.generateKeyPair('RS256'));
  } else if (tamper === 'wrong_audience') {
    claims.aud = 'another-client';
  } else if (tamper === 'expired') {
    claims.iat = now - 7200;
    claims.exp = now - 3600;
  } else if (tamper === 'other_issuer') {
    claims.iss = `${issuer}/somebody-else`;
  }
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
}

const server = http.createServer();
server.listen(0, '127.0.0.1', async () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const { privateKey, publicKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const kid = 'delbar-test-1';
  const jwk = { ...(await jose.exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const signingKey = { privateKey, publicKey, kid };

  const provider = new Provider(issuer, {
    clients: [{
      client_id: args['client-id'],
      client_secret: args['client-secret'],
      redirect_uris: args['redirect-uri'],
      post_logout_redirect_uris: args['post-logout-uri'],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    }],
    jwks: { keys: [jwk] },
    cookies: { keys: ['delbar-test-cookie-key'] },
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      // The directory's department and groups come with the profile, as a provider is set up for Delbar.
      profile: ['name', 'locale', 'department', 'groups'],
    },
    // The claims of the scopes asked for go into the ID token, as Entra ID and Keycloak do.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, id) {
      if (!accounts[id]) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) };
    },
    async loadExistingGrant(ctx) {
      const { client, session } = ctx.oidc;
      const grantId = session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.proxy = false;

  provider.use(async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.path.startsWith('/test/accounts/')) {
      const id = ctx.path.slice('/test/accounts/'.length);
      accounts[id] = await readJson(ctx.req);
      ctx.status = 204;
      return;
    }
    if (ctx.method === 'POST' && ctx.path === '/test/tamper') {
      ({ mode: tamper } = await readJson(ctx.req));
      ctx.status = 204;
      return;
    }
    await next();
    if (ctx.path === '/token' && tamper !== 'none' && ctx.body && ctx.body.id_token) {
      ctx.body = { ...ctx.body, id_token: await tampered(ctx.body.id_token, signingKey, issuer) };
      tamper = 'none';
    }
  });

  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The Actions runtime's ID-token endpoint on loopback (what ACTIONS_ID_TOKEN_REQUEST_URL points
 * at): checks the bearer request token and answers `{ value: <JWT> }` for the asked audience.
 */
export async function startIdTokenServer(requestToken = 'runtime-request-token') {
  const asked: { audience: string | null; authorized: boolean }[] = [];
  let issued = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const authorized = req.headers.authorization === `Bearer ${requestToken}`;
    asked.push({ audience: url.searchParams.get('audience'), authorized });
    if (!authorized) {
      res.writeHead(401).end();
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:acme/web:environment:production',
      aud: url.searchParams.get('audience') ?? 'https://github.com/acme',
      iat: now,
      exp: now + 300,
      jti: String(++issued),
    };
    const body = JSON.stringify({ value: `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl` });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_apis/distributedtask/token?api-version=2.0`;
  return {
    /** The variables the runner sets for a job with `id-token: write`. */
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A GitHub-shaped ID token for the STS audience (the sandbox reads its claims, not its signature). */
export function idToken(audience = 'sts.amazonaws.com'): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:acme/web:ref:refs/heads/main',
    aud: audience,
    iat: now,
    exp: now + 300,
  };
  return `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl`;
}

/**
 * AUTH_PER_MINUTE sets the sign-in limit per client address, and TRUST_PROXY decides whose
 * X-Forwarded-For names that address: a trusted proxy's does, an untrusted peer's does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load.js';
import { api, startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

/** One failed sign-in "from" `address` (as a proxy at 127.0.0.1 would say); its status. */
async function signInFrom(address: string): Promise<number> {
  const res = await api(t!.url, '/api/auth/sign-in', {
    body: { name: 'nobody', password: 'wrong-password' },
    headers: { 'x-forwarded-for': address },
  });
  return res.status;
}

describe('AUTH_PER_MINUTE and TRUST_PROXY', () => {
  it('limits each forwarded address on its own when the proxy is trusted', async () => {
    t = await startTestServer({ AUTH_PER_MINUTE: '3', TRUST_PROXY: '127.0.0.1/8' });
    for (let i = 0; i < 3; i += 1) expect(await signInFrom('203.0.113.5')).toBe(401);
    expect(await signInFrom('203.0.113.5')).toBe(429);
    // Another client behind the same proxy still has its own allowance.
    expect(await signInFrom('203.0.113.6')).toBe(401);
  });

  it('ignores X-Forwarded-For from a peer that is not trusted', async () => {
    t = await startTestServer({ AUTH_PER_MINUTE: '3', TRUST_PROXY: '10.0.0.1' });
    for (let i = 0; i < 3; i += 1) expect(await signInFrom(`203.0.113.${10 + i}`)).toBe(401);
    // Every request counted against the peer (127.0.0.1), whatever the header said.
    expect(await signInFrom('203.0.113.99')).toBe(429);
  });

  it('trusts nobody with TRUST_PROXY=false, and one hop with 1', async () => {
    t = await startTestServer({ AUTH_PER_MINUTE: '1', TRUST_PROXY: 'false' });
    expect(await signInFrom('198.51.100.1')).toBe(401);
    expect(await signInFrom('198.51.100.2')).toBe(429);
    await t.destroy();
    t = await startTestServer({ AUTH_PER_MINUTE: '1', TRUST_PROXY: '1' });
    expect(await signInFrom('198.51.100.1')).toBe(401);
    expect(await signInFrom('198.51.100.2')).toBe(401);
  });

  it('refuses malformed values at start-up, naming the variable', () => {
    for (const bad of ['yes', '10.0.0.300', '10.0.0.0/33', 'loopback,nowhere', '1000']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
    for (const bad of ['0', 'many', '1.5'])
      expect(() => loadConfig({ AUTH_PER_MINUTE: bad })).toThrow(/AUTH_PER_MINUTE/);
    const ok = loadConfig({
      TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8, 192.168.0.0/255.255.0.0',
      AUTH_PER_MINUTE: '50',
    });
    expect(ok.TRUST_PROXY).toBe('loopback,10.0.0.0/8,fd00::/8,192.168.0.0/255.255.0.0');
    expect(ok.AUTH_PER_MINUTE).toBe(50);
    expect(loadConfig({}).AUTH_PER_MINUTE).toBeUndefined();
  });
});

/**
 * TRUST_PROXY: which peers may name the client's address in X-Forwarded-For, in the forms
 * express's `trust proxy` accepts (https://expressjs.com/en/guide/behind-proxies.html), checked at
 * start-up so that a typo stops Parley instead of silently trusting nobody (or everybody).
 */
import { isIP } from 'node:net';
import { z } from 'zod';

/** The names proxy-addr (express's parser) knows for groups of private addresses. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const HOPS_MAX = 100;

/** An address, an address/prefix (CIDR), an IPv4 address/netmask, or one of NAMED_RANGES. */
function isProxyAddress(item: string): boolean {
  if (NAMED_RANGES.has(item)) return true;
  const [address = '', range, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4;
}

/** `true` (every proxy: only when nothing can reach Parley but through them), `false`, a hop count, or a list. */
export const trustProxySetting = z
  .string()
  .trim()
  .min(1)
  .transform((value, ctx): boolean | number | string => {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d+$/.test(value)) {
      if (Number(value) <= HOPS_MAX) return Number(value);
      ctx.addIssue({ code: 'custom', message: `a hop count is at most ${HOPS_MAX}` });
      return z.NEVER;
    }
    const items = value.split(',').map((item) => item.trim());
    const wrong = items.filter((item) => !isProxyAddress(item));
    if (wrong.length === 0) return items.join(',');
    ctx.addIssue({
      code: 'custom',
      message: `expected true, false, a hop count, or a comma list of addresses, subnets, loopback, linklocal or uniquelocal; not ${wrong.map((w) => JSON.stringify(w)).join(', ')}`,
    });
    return z.NEVER;
  });

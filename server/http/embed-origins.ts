/**
 * Which publishers' pages may embed Parley (EMBED_ORIGINS, docs/EMBED.md): the origins allowed to
 * frame /embed/<slug>, to read the comment counts, and whose messages the embed frame accepts.
 */
import type { Config } from '../config/schema.js';

/** The demo publisher (npm run demo:publisher), allowed by default outside production. */
export const DEMO_PUBLISHER_ORIGINS: readonly string[] = ['http://localhost:3100', 'http://127.0.0.1:3100'];

/**
 * The allowed embedding origins: EMBED_ORIGINS when set ("none" gives an empty list: embedding
 * off); unset, none in production and the demo publisher's two origins otherwise.
 */
export function embedOriginsOf(config: Pick<Config, 'EMBED_ORIGINS' | 'NODE_ENV'>): string[] {
  if (config.EMBED_ORIGINS) return [...config.EMBED_ORIGINS];
  return config.NODE_ENV === 'production' ? [] : [...DEMO_PUBLISHER_ORIGINS];
}

/** The request's Origin header when it names an allowed origin, else null. */
export function allowedOrigin(origins: readonly string[], header: string | string[] | undefined): string | null {
  return typeof header === 'string' && origins.includes(header) ? header : null;
}

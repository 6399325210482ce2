/**
 * Every setting of Parley: its environment variable, default (serving the embedded mode) and doc.
 * Read once at start-up by loadConfig(); a bad value stops start-up naming the variable.
 */
import { z } from 'zod';
import { trustProxySetting } from './trust-proxy.js';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const optionalUrl = (protocols: RegExp) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(
      z
        .string()
        .regex(protocols, `must start with ${protocols.source.replace(/[\^()\\]/g, '')}`)
        .optional(),
    );

/** An origin as browsers write it: scheme, host and port only, http or https (EMBED_ORIGINS). */
function isWebOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

const originList = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v === 'none' ? [] : v.split(',').map((o) => o.trim())))
  .pipe(
    z
      .array(
        z
          .string()
          .refine(
            isWebOrigin,
            'each must be an origin: scheme, host and port only, lowercase, no trailing slash (https://news.example)',
          ),
      )
      .optional(),
  );

export const settings = {
  NODE_ENV: {
    doc: 'production refuses default secrets and hides demo accounts',
    schema: z.enum(['development', 'production', 'test']),
    default: 'development',
  },
  HOST: { doc: 'Address to listen on', schema: z.string().min(1), default: '0.0.0.0' },
  PORT: {
    doc: 'HTTP and socket.io port; 0 picks a free one',
    schema: z.coerce.number().int().min(0).max(65535),
    default: '3000',
  },
  DATA_DIR: {
    doc: 'Folder for the SQLite file and the generated token secret',
    schema: z.string().min(1),
    default: './data',
  },
  MONGO_URL: {
    doc: 'MongoDB connection string; when set, MongoDB replaces SQLite',
    schema: optionalUrl(/^mongodb(\+srv)?:\/\//),
    default: '',
  },
  REDIS_URL: {
    doc: 'Redis connection string: several processes sharing one store act as one (socket.io adapter, bus, rate limits, presence)',
    schema: optionalUrl(/^rediss?:\/\//),
    default: '',
  },
  TOKEN_SECRET: {
    doc: 'HS256 secret for access tokens (at least 32 characters); generated in embedded mode',
    schema: z.string().min(32).optional(),
    default: undefined,
  },
  ACCESS_TOKEN_TTL_SECONDS: {
    doc: 'Lifetime of an access token',
    schema: z.coerce.number().int().min(30).max(86_400),
    default: '900',
  },
  REFRESH_TOKEN_TTL_DAYS: {
    doc: 'Lifetime of a refresh token',
    schema: z.coerce.number().int().min(1).max(365),
    default: '30',
  },
  SSO_SECRET: {
    doc: "Shared secret of the publisher's single sign-on tokens (at least 32 characters); SSO is off when unset",
    schema: z.string().min(32).optional(),
    default: undefined,
  },
  SSO_PROVIDER: {
    doc: 'Name recorded for users who come through single sign-on',
    schema: z.string().min(1).max(40),
    default: 'publisher',
  },
  EMBED_ORIGINS: {
    doc: 'Origins whose pages may embed the discussion with embed.js (frame-ancestors of /embed/, CORS of the counts), comma-separated, e.g. https://news.example,https://www.news.example; none turns embedding off. Unset: off when NODE_ENV=production, else the demo publisher (http://localhost:3100, http://127.0.0.1:3100)',
    schema: originList,
    default: '',
  },
  DEMO: { doc: 'Import the demo article and demo accounts into an empty store', schema: bool, default: 'true' },
  DEMO_DEBATE: {
    doc: 'With the demo accounts, also set up the demo article’s motion as a debate hosted by "host"',
    schema: bool,
    default: 'true',
  },
  LOG_LEVEL: {
    doc: 'pino log level',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
  },
  CLIENT_DIR: { doc: 'Folder of the built browser client', schema: z.string().min(1), default: './dist/client' },
  COMMENTS_PER_MINUTE: {
    doc: 'New comments one user may post per minute',
    schema: z.coerce.number().int().min(1).max(100_000),
    default: '10',
  },
  VOTES_PER_MINUTE: {
    doc: 'Votes one user may cast per minute',
    schema: z.coerce.number().int().min(1).max(100_000),
    default: '120',
  },
  SOCKET_EVENTS_PER_SECOND: {
    doc: 'Socket events one connection may send per second (bursts of twice that pass)',
    schema: z.coerce.number().int().min(1).max(100_000),
    default: '20',
  },
  LAGGING_READER_BYTES: {
    doc: 'Unsent output after which a socket stops getting live changes until it drains, then resyncs',
    schema: z.coerce.number().int().min(16_384).max(1_073_741_824),
    default: '1048576',
  },
  EDIT_WINDOW_SECONDS: {
    doc: 'How long after posting an author may edit a comment',
    schema: z.coerce.number().int().min(0).max(604_800),
    default: '900',
  },
  BODY_LIMIT: { doc: 'Largest JSON body accepted', schema: z.string().regex(/^\d+(b|kb|mb)$/i), default: '300kb' },
  AUTH_PER_MINUTE: {
    doc: 'Sign-in, register, refresh and SSO attempts per client address per minute, per process (unset: 30, or 10 000 when NODE_ENV=test)',
    schema: z
      .string()
      .trim()
      .transform((v) => (v === '' ? undefined : Number(v)))
      .pipe(z.number().int().min(1).max(1_000_000).optional()),
    default: '',
  },
  TRUST_PROXY: {
    doc: 'Which peers may name the client address in X-Forwarded-For: true, false, a hop count, or a comma list of addresses, subnets, loopback, linklocal, uniquelocal',
    schema: trustProxySetting,
    default: 'loopback',
  },
  OVERLOAD_MAX_WRITES_IN_FLIGHT: {
    doc: 'Writes one process may be handling at once; more are refused with OVERLOADED (0: no bound)',
    schema: z.coerce.number().int().min(0).max(100_000),
    default: '200',
  },
  OVERLOAD_EVENT_LOOP_DELAY_MS: {
    doc: 'Writes are refused with OVERLOADED while the p90 event-loop delay was above this in each of the last two seconds (0: not watched)',
    schema: z.coerce.number().int().min(0).max(60_000),
    default: '200',
  },
  OVERLOAD_RETRY_AFTER_MS: {
    doc: 'The wait an OVERLOADED refusal names (plus up to half of it at random, to spread retries)',
    schema: z.coerce.number().int().min(100).max(60_000),
    default: '2000',
  },
  SMTP_URL: {
    doc: 'SMTP server for outgoing e-mail (password reset links, digests), e.g. smtps://user:pass@mail.example:465; no e-mail is sent when unset',
    schema: optionalUrl(/^smtps?:\/\//),
    default: '',
  },
  MAIL_FROM: {
    doc: 'Sender of outgoing e-mail',
    schema: z.string().trim().min(3).max(200),
    default: 'Parley <parley@localhost>',
  },
  PUBLIC_URL: {
    doc: 'Address users open Parley at, for links in e-mail (https://talk.news.example); unset: the request’s own address outside production, no reset e-mail in production',
    schema: optionalUrl(/^https?:\/\//),
    default: '',
  },
  DIGEST_MINUTES: {
    doc: 'E-mail digests of unread notifications go out at most this often, to users who asked (needs SMTP_URL); fractions allowed (tests)',
    schema: z.coerce.number().min(0.02).max(10_080),
    default: '60',
  },
  AUTO_SLOW_MODE_CHECK_MS: {
    doc: 'How often each process evaluates automatic slow mode (engage and lift)',
    schema: z.coerce.number().int().min(100).max(60_000),
    default: '2000',
  },
} as const;

export type SettingName = keyof typeof settings;
export type Config = { [K in SettingName]: z.output<(typeof settings)[K]['schema']> };

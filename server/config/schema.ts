/**
 * Every setting of Parley: its environment variable, default (serving the embedded mode) and doc.
 * Read once at start-up by loadConfig(); a bad value stops start-up naming the variable.
 */
import { z } from 'zod';

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
  EDIT_WINDOW_SECONDS: {
    doc: 'How long after posting an author may edit a comment',
    schema: z.coerce.number().int().min(0).max(604_800),
    default: '900',
  },
  BODY_LIMIT: { doc: 'Largest JSON body accepted', schema: z.string().regex(/^\d+(b|kb|mb)$/i), default: '300kb' },
} as const;

export type SettingName = keyof typeof settings;
export type Config = { [K in SettingName]: z.output<(typeof settings)[K]['schema']> };

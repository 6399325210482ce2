/**
 * The messages between embed.js on a publisher's page and the Parley frame it opens (docs/EMBED.md).
 * Both ends check the sender before reading one: the frame takes messages only from its parent
 * window at the allowed origin the server approved, embed.js only from its own frame at Parley's
 * origin. Each message names its side (`parley` from the frame, `parley-host` from the page), so
 * neither end mistakes its own or anyone else's messages for the other's.
 */

export type EmbedTheme = 'light' | 'dark';

/** Frame to page. */
export type FrameMessage =
  /** The frame listens now; `signedIn` tells whether it already holds a session. */
  | { source: 'parley'; type: 'ready'; signedIn: boolean }
  /** The frame's content height in CSS pixels: the page sizes the iframe to it. */
  | { source: 'parley'; type: 'height'; height: number }
  /** The frame changed view (sign-in and back): the page scrolls the frame's top into view if it is not. */
  | { source: 'parley'; type: 'reveal' }
  /** Who is signed in inside the frame (null: a guest); embed.js repeats it as a `parley:session` event. */
  | { source: 'parley'; type: 'session'; user: { name: string; sso: boolean } | null }
  /** The answer to an SSO token: refused tokens carry the server's code and message. */
  | { source: 'parley'; type: 'sso-result'; ok: true }
  | { source: 'parley'; type: 'sso-result'; ok: false; code: string; message: string };

/** Page to frame. */
export type HostMessage =
  /** The publisher's signed-in reader as an SSO JWT, or null: nobody is signed in at the publisher. */
  | { source: 'parley-host'; type: 'sso-token'; token: string | null }
  /** The publisher's reader signed out: the frame signs out too. */
  | { source: 'parley-host'; type: 'sign-out' }
  /** The page's colour scheme changed (data-theme="auto"). */
  | { source: 'parley-host'; type: 'theme'; theme: EmbedTheme };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A well-formed page-to-frame message, or null. */
export function readHostMessage(data: unknown): HostMessage | null {
  if (!isRecord(data) || data.source !== 'parley-host') return null;
  switch (data.type) {
    case 'sso-token':
      if (data.token === null) return { source: 'parley-host', type: 'sso-token', token: null };
      return typeof data.token === 'string' && data.token.length > 0 && data.token.length <= 8000
        ? { source: 'parley-host', type: 'sso-token', token: data.token }
        : null;
    case 'sign-out':
      return { source: 'parley-host', type: 'sign-out' };
    case 'theme':
      return data.theme === 'light' || data.theme === 'dark'
        ? { source: 'parley-host', type: 'theme', theme: data.theme }
        : null;
    default:
      return null;
  }
}

/** A well-formed frame-to-page message, or null. */
export function readFrameMessage(data: unknown): FrameMessage | null {
  if (!isRecord(data) || data.source !== 'parley') return null;
  switch (data.type) {
    case 'ready':
      return { source: 'parley', type: 'ready', signedIn: data.signedIn === true };
    case 'height':
      return typeof data.height === 'number' && Number.isFinite(data.height) && data.height >= 0
        ? { source: 'parley', type: 'height', height: Math.min(Math.ceil(data.height), 100_000) }
        : null;
    case 'reveal':
      return { source: 'parley', type: 'reveal' };
    case 'session': {
      const user = data.user;
      if (user === null) return { source: 'parley', type: 'session', user: null };
      return isRecord(user) && typeof user.name === 'string'
        ? { source: 'parley', type: 'session', user: { name: user.name, sso: user.sso === true } }
        : null;
    }
    case 'sso-result':
      if (data.ok === true) return { source: 'parley', type: 'sso-result', ok: true };
      return {
        source: 'parley',
        type: 'sso-result',
        ok: false,
        code: typeof data.code === 'string' ? data.code : 'SSO_INVALID',
        message: typeof data.message === 'string' ? data.message : 'The single sign-on token was refused.',
      };
    default:
      return null;
  }
}

/** The frame's query parameters, set by embed.js. */
export const FRAME_PARAMS = {
  /** The publisher page's origin; the server approves it and writes it into the page. */
  origin: 'origin',
  theme: 'theme',
  sort: 'sort',
  /** "1" when the page has an SSO token source: the frame waits briefly for its token. */
  sso: 'sso',
} as const;

/**
 * The live video or audio link a host attaches to a debate session (issue 13): which links Parley
 * embeds, and the embed address of each. One pure parser for both sides: the server refuses any
 * other link (VALIDATION_FAILED with `reason`), the client draws the player from the same answer.
 *
 * Only three kinds are allowed, because each embed is a third party running on the debate page:
 * YouTube (through its no-cookie domain), Vimeo's player, and an HLS playlist played in a <video>.
 * The embed address is rebuilt from a checked id, never copied from the link, so nothing a host
 * pastes beyond the id reaches the page.
 */

export const STREAM_LINK_MAX_CHARS = 2000;

export type StreamKind = 'youtube' | 'vimeo' | 'hls';

export interface StreamEmbed {
  kind: StreamKind;
  /** What the player loads: an iframe's src (youtube, vimeo) or the playlist of a <video> (hls). */
  embedUrl: string;
}

export type StreamLinkResult = { ok: true; embed: StreamEmbed } | { ok: false; reason: string };

/** The only origins framed on the debate page (the server's Content-Security-Policy lists exactly these). */
export const STREAM_FRAME_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'] as const;

const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com']);
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com']);
/** YouTube video ids are 11 characters of the URL-safe base64 alphabet. */
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^[0-9]{1,12}$/;

const refuse = (reason: string): StreamLinkResult => ({ ok: false, reason });
const accept = (kind: StreamKind, embedUrl: string): StreamLinkResult => ({ ok: true, embed: { kind, embedUrl } });

function youtubeId(url: URL): string | null {
  if (url.hostname === 'youtu.be') return url.pathname.slice(1).replace(/\/$/, '');
  if (url.pathname === '/watch') return url.searchParams.get('v');
  const live = /^\/live\/([^/]+)\/?$/.exec(url.pathname);
  return live ? live[1]! : null;
}

/**
 * Reads a pasted link: a YouTube watch, youtu.be or live link, a Vimeo video link, or an https HLS
 * playlist (.m3u8). Anything else is refused with a sentence a host can act on.
 */
export function parseStreamLink(input: string): StreamLinkResult {
  const text = input.trim();
  if (text === '') return refuse('Paste the link of the live stream.');
  if (text.length > STREAM_LINK_MAX_CHARS)
    return refuse(`The link is longer than ${STREAM_LINK_MAX_CHARS.toLocaleString('en')} characters.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('That is not a full link: it should start with https://.');
  }
  if (url.protocol !== 'https:') return refuse('Only https links can be shown (not http, javascript or data).');
  if (url.username || url.password) return refuse('A stream link cannot carry a user name or password.');
  const host = url.hostname.toLowerCase();
  const defaultPort = url.port === '';

  if ((YOUTUBE_HOSTS.has(host) || host === 'youtu.be') && defaultPort) {
    const id = youtubeId(url);
    if (!id || !YOUTUBE_ID.test(id))
      return refuse(
        'That YouTube link names no video: use a youtube.com/watch?v=, youtu.be/ or youtube.com/live/ link.',
      );
    return accept('youtube', `https://www.youtube-nocookie.com/embed/${id}`);
  }
  if (VIMEO_HOSTS.has(host) && defaultPort) {
    const id = /^\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    if (!id || !VIMEO_ID.test(id)) return refuse('That Vimeo link names no video: use a vimeo.com/<number> link.');
    return accept('vimeo', `https://player.vimeo.com/video/${id}`);
  }
  if (url.pathname.toLowerCase().endsWith('.m3u8')) {
    // The playlist is fetched by the viewer's browser as given (its query may carry a signed token).
    url.hash = '';
    return accept('hls', url.href);
  }
  return refuse('Only YouTube, Vimeo and HLS (.m3u8) links can be shown.');
}

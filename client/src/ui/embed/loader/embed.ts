/**
 * embed.js: what a publisher's page includes to show Parley (docs/EMBED.md).
 *
 *   <script src="https://parley.example/embed.js" data-article="slug" async></script>
 *
 * Opens /embed/<slug> in an iframe after the tag (or in `data-container`), sizes it to its content,
 * passes the page's colour scheme and its reader's SSO token in, and fills `<parley-count>`
 * elements. Built on its own as a classic script (client/vite.config.ts), so it shares no code at
 * run time with the page or the app.
 */
import { FRAME_PARAMS, readFrameMessage, type EmbedTheme, type HostMessage } from '../protocol.js';
import { defineCountElement } from './count-element.js';

type ThemeChoice = EmbedTheme | 'auto';

interface ParleyApi {
  /** Signs the publisher's reader in (an SSO JWT signed by the publisher's server). */
  signIn(token: string): void;
  /** Signs out of Parley in every embed on the page (the reader signed out at the publisher). */
  signOut(): void;
  /** Light, dark, or auto (follows the page's prefers-color-scheme). */
  setTheme(theme: ThemeChoice): void;
  /** Asks again for the counts of every <parley-count> on the page. */
  refreshCounts(): void;
}

declare global {
  interface Window {
    Parley?: ParleyApi;
  }
}

interface Frame {
  iframe: HTMLIFrameElement;
  ready: boolean;
  /** Messages the page sent before the frame listened. */
  pending: HostMessage[];
}

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[src*="/embed.js"][data-article]');
const parleyOrigin = script ? new URL(script.src, window.location.href).origin : window.location.origin;
const frames: Frame[] = [];
const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
let themeChoice: ThemeChoice = 'auto';

const resolvedTheme = (): EmbedTheme => (themeChoice === 'auto' ? (darkQuery.matches ? 'dark' : 'light') : themeChoice);

function send(frame: Frame, message: HostMessage): void {
  if (!frame.ready) {
    frame.pending.push(message);
    return;
  }
  frame.iframe.contentWindow?.postMessage(message, parleyOrigin);
}

const sendAll = (message: HostMessage) => frames.forEach((frame) => send(frame, message));

/**
 * The publisher's reader as an SSO token, from `data-sso-token-source`: a URL on the publisher's
 * site (fetched with its cookies; `{ "token": "..." }`, or 204 for nobody) or the name of a global
 * function that returns the token (or a promise of it), or null.
 */
async function tokenFrom(source: string): Promise<string | null> {
  if (source.startsWith('/') || /^https?:\/\//.test(source)) {
    const response = await fetch(source, { credentials: 'include', headers: { Accept: 'application/json' } });
    if (response.status === 204 || !response.ok) return null;
    const body = (await response.json()) as { token?: unknown };
    return typeof body.token === 'string' && body.token ? body.token : null;
  }
  const provider = (window as unknown as Record<string, unknown>)[source];
  if (typeof provider !== 'function') throw new Error(`window.${source} is not a function`);
  const token: unknown = await (provider as () => unknown)();
  return typeof token === 'string' && token ? token : null;
}

function onFrameMessage(frame: Frame, ssoSource: string | null, event: MessageEvent): void {
  const message = readFrameMessage(event.data);
  if (!message) return;
  switch (message.type) {
    case 'height':
      frame.iframe.style.height = `${message.height}px`;
      return;
    case 'ready':
      frame.ready = true;
      frame.iframe.contentWindow?.postMessage(
        { source: 'parley-host', type: 'theme', theme: resolvedTheme() } satisfies HostMessage,
        parleyOrigin,
      );
      for (const pending of frame.pending.splice(0)) send(frame, pending);
      if (ssoSource)
        tokenFrom(ssoSource).then(
          (token) => send(frame, { source: 'parley-host', type: 'sso-token', token }),
          (error: unknown) => {
            console.error('Parley: the SSO token source failed; the reader stays signed out.', error);
            send(frame, { source: 'parley-host', type: 'sso-token', token: null });
          },
        );
      return;
    case 'reveal': {
      const top = frame.iframe.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight * 0.5) frame.iframe.scrollIntoView({ block: 'start' });
      return;
    }
    case 'session':
      document.dispatchEvent(new CustomEvent('parley:session', { detail: message.user }));
      return;
    case 'sso-result':
      if (!message.ok) console.error(`Parley: the SSO token was refused (${message.code}): ${message.message}`);
      document.dispatchEvent(new CustomEvent('parley:sso', { detail: message }));
  }
}

/** Asks Parley whether this page's origin may embed; false (with the reason in the console) if not. */
async function mayEmbed(): Promise<boolean> {
  try {
    const response = await fetch(`${parleyOrigin}/api/embed/status`, { mode: 'cors', credentials: 'omit' });
    const status = (await response.json()) as { allowed?: unknown };
    if (status.allowed === true) return true;
    console.error(
      `Parley: ${window.location.origin} may not embed discussions from ${parleyOrigin}. ` +
        `Add it to EMBED_ORIGINS on the Parley server; until then the browser refuses to show the frame.`,
    );
    return false;
  } catch (error) {
    // Cannot tell: the frame is tried anyway, and its own policy decides.
    console.warn(`Parley: could not reach ${parleyOrigin} to check this page's origin.`, error);
    return true;
  }
}

async function openFrame(host: HTMLScriptElement, slug: string): Promise<void> {
  if (!(await mayEmbed())) return;
  const data = host.dataset;
  const ssoSource = data.ssoTokenSource?.trim() || null;
  const params = new URLSearchParams({
    [FRAME_PARAMS.origin]: window.location.origin,
    [FRAME_PARAMS.theme]: resolvedTheme(),
  });
  if (data.sort) params.set(FRAME_PARAMS.sort, data.sort);
  if (ssoSource) params.set(FRAME_PARAMS.sso, '1');

  const iframe = document.createElement('iframe');
  iframe.src = `${parleyOrigin}/embed/${encodeURIComponent(slug)}?${params}`;
  iframe.title = data.title ?? 'Discussion on Parley';
  iframe.className = 'parley-frame';
  iframe.style.cssText = 'display:block;width:100%;min-width:0;height:320px;border:0;color-scheme:normal;';
  const frame: Frame = { iframe, ready: false, pending: [] };
  frames.push(frame);
  window.addEventListener('message', (event) => {
    // Only this frame, at Parley's origin, speaks for Parley.
    if (event.origin !== parleyOrigin || event.source !== iframe.contentWindow) return;
    onFrameMessage(frame, ssoSource, event);
  });

  const container = data.container ? document.querySelector(data.container) : null;
  if (container) container.append(iframe);
  else host.after(iframe);
}

function start(): void {
  const counts = defineCountElement(parleyOrigin);
  const choice = script?.dataset.theme;
  themeChoice = choice === 'light' || choice === 'dark' ? choice : 'auto';
  darkQuery.addEventListener('change', () => {
    if (themeChoice === 'auto') sendAll({ source: 'parley-host', type: 'theme', theme: resolvedTheme() });
  });
  // A page with several tags runs embed.js once per tag: each API call reaches every instance's frames.
  const earlier = window.Parley;
  window.Parley = {
    signIn: (token) => {
      earlier?.signIn(token);
      sendAll({ source: 'parley-host', type: 'sso-token', token });
    },
    signOut: () => {
      earlier?.signOut();
      sendAll({ source: 'parley-host', type: 'sign-out' });
    },
    setTheme: (theme) => {
      earlier?.setTheme(theme);
      themeChoice = theme;
      sendAll({ source: 'parley-host', type: 'theme', theme: resolvedTheme() });
    },
    refreshCounts: () => counts.refresh(),
  };
  const slug = script?.dataset.article;
  if (script && slug) void openFrame(script, slug);
  document.dispatchEvent(new CustomEvent('parley:ready'));
}

start();

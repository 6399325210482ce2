/**
 * The frame's side of the embed (docs/EMBED.md): what embed.js asked for (theme, sort, SSO), and
 * the one channel to the publisher's page. The parent origin is the one the server approved and
 * wrote into the page (`<meta name="parley-embed-parent">`, server/http/routes/embed.ts), so the
 * frame talks to, and listens to, an allowed origin only, and only its own parent window there.
 */
import { COMMENT_SORTS, type CommentSort } from '../../../../shared/ranking.js';
import { FRAME_PARAMS, readHostMessage, type EmbedTheme, type FrameMessage, type HostMessage } from './protocol.js';

export interface FrameSettings {
  /** The approved origin of the publisher page framing this one; null when shown on its own. */
  parentOrigin: string | null;
  /** The colour scheme to start in (embed.js resolved "auto" on the publisher's page). */
  theme: EmbedTheme;
  /** The order to open the discussion in, if the page asked for one. */
  sort: CommentSort | null;
  /** Whether the page has an SSO token source, so a token (or word that there is none) will come. */
  expectsSso: boolean;
}

function approvedParent(): string | null {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="parley-embed-parent"]');
  const origin = meta?.content ?? '';
  if (!origin || window.parent === window) return null;
  // Where the browser tells who frames us (Chromium, Safari), it must agree with the approval.
  const ancestors = window.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0 && ancestors[0] !== origin) return null;
  return origin;
}

let settings: FrameSettings | null = null;

/** Read once, on first use: in-frame navigation (sign-in and back) drops the query but not these. */
export function frameSettings(): FrameSettings {
  if (settings) return settings;
  const params = new URLSearchParams(window.location.search);
  const sort = params.get(FRAME_PARAMS.sort);
  const parentOrigin = approvedParent();
  settings = {
    parentOrigin,
    theme: params.get(FRAME_PARAMS.theme) === 'dark' ? 'dark' : 'light',
    sort: COMMENT_SORTS.find((s) => s === sort) ?? null,
    expectsSso: parentOrigin !== null && params.get(FRAME_PARAMS.sso) === '1',
  };
  return settings;
}

/** Sends a message to the publisher's page; nothing when the frame has no approved parent. */
export function postToParent(message: FrameMessage): void {
  const origin = frameSettings().parentOrigin;
  if (origin) window.parent.postMessage(message, origin);
}

/** Calls `listener` with each well-formed message of the parent page; returns the unsubscribe. */
export function onParentMessage(listener: (message: HostMessage) => void): () => void {
  const origin = frameSettings().parentOrigin;
  if (!origin) return () => {};
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== origin || event.source !== window.parent) return;
    const message = readHostMessage(event.data);
    if (message) listener(message);
  };
  window.addEventListener('message', onMessage);
  return () => window.removeEventListener('message', onMessage);
}

/**
 * Tells the parent the height of `root` whenever it changes, so the iframe is as tall as its content
 * and the frame never scrolls inside the publisher's page. A ResizeObserver catches every change of
 * size; but browsers pause the rendering of a cross-origin frame while it is off screen (the embed
 * usually sits below the article), and with it the observer, so changes to the page's content are
 * also measured directly, a moment after they happen.
 */
export function reportHeight(root: HTMLElement): () => void {
  if (!frameSettings().parentOrigin) return () => {};
  let sent = -1;
  let timer: number | undefined;
  const send = () => {
    timer = undefined;
    const style = getComputedStyle(root);
    const height = Math.ceil(
      root.getBoundingClientRect().height + parseFloat(style.marginBlockStart) + parseFloat(style.marginBlockEnd),
    );
    if (height === sent) return;
    sent = height;
    postToParent({ source: 'parley', type: 'height', height });
  };
  const soon = () => {
    timer ??= window.setTimeout(send, 50);
  };
  const resized = new ResizeObserver(send);
  resized.observe(root);
  const changed = new MutationObserver(soon);
  changed.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  // Fonts and images change heights without changing the DOM.
  window.addEventListener('load', soon);
  document.fonts?.addEventListener('loadingdone', soon);
  send();
  return () => {
    resized.disconnect();
    changed.disconnect();
    window.removeEventListener('load', soon);
    document.fonts?.removeEventListener('loadingdone', soon);
    window.clearTimeout(timer);
  };
}

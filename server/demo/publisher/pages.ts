/** The demo publisher's pages ("The Ledger"): an article with Parley embedded, and a list with counts. */
import { marked } from 'marked';
export { PUBLISHER_CSS } from './style.js';

export interface DemoArticle {
  slug: string;
  title: string;
  body: string;
  publishedAt: string | null;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const dateLine = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) : '';

function shell(title: string, main: string, toolbar = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>${escapeHtml(title)} · The Ledger</title>
  <link rel="stylesheet" href="/publisher.css">
  <script src="/publisher.js" defer></script>
</head>
<body>
  <header class="masthead">
    <div class="masthead__top">
      <a class="masthead__name" href="/">The Ledger</a>
      <p class="masthead__tag">Independent news since 1921 · a demo publisher for Parley</p>
    </div>
    <nav class="sections" aria-label="Sections">
      <a href="/list">Latest</a><a href="/">World</a><a href="/list">Politics</a><a href="/list">Business</a><a href="/list">Opinion</a>
    </nav>
    ${toolbar}
  </header>
  <main id="main" class="page">${main}</main>
  <footer class="colophon"><p>The Ledger is a demonstration site. Its discussion is served by Parley from another origin.</p></footer>
</body>
</html>`;
}

function readerToolbar(ssoOn: boolean, signedIn: boolean): string {
  const note = ssoOn
    ? ''
    : `<p class="toolbar__note">Single sign-on is off: start Parley and this demo with the same <code>SSO_SECRET</code>.</p>`;
  return `<div class="toolbar">
      <label class="switch"><input type="checkbox" id="ledger-signed-in"${signedIn ? ' checked' : ''}${ssoOn ? '' : ' disabled'}>
        Signed in at The Ledger as Ayesha Karim</label>
      <label class="toolbar__theme">Theme
        <select id="ledger-theme"><option value="auto">Device</option><option value="light">Light</option><option value="dark">Dark</option></select>
      </label>
      <p class="toolbar__status" id="ledger-parley-status" role="status"></p>
      ${note}
    </div>`;
}

/** The article page: the story, then the embed tag exactly as docs/EMBED.md tells publishers. */
export function articlePage(input: {
  article: DemoArticle;
  parley: string;
  ssoOn: boolean;
  signedIn: boolean;
}): string {
  const { article, parley } = input;
  const body = marked.parse(article.body, { async: false });
  const main = `
  <div class="columns">
    <article class="story">
      <p class="kicker">South Asia</p>
      <h1>${escapeHtml(article.title)}</h1>
      <p class="byline">By our Islamabad correspondent · <time datetime="${escapeHtml(article.publishedAt ?? '')}">${dateLine(article.publishedAt)}</time></p>
      <div class="story__body">${body}</div>
      <section class="comments" aria-labelledby="comments-heading">
        <h2 id="comments-heading">Comments</h2>
        <script src="${escapeHtml(parley)}/embed.js" data-article="${escapeHtml(article.slug)}" data-theme="auto" data-sso-token-source="/sso-token" async></script>
      </section>
    </article>
    <aside class="rail" aria-label="Most read">
      <h2>Most read</h2>
      <ol>
        <li><a href="/">${escapeHtml(article.title)}</a> <parley-count data-article="${escapeHtml(article.slug)}"></parley-count></li>
        <li><a href="/list">Monsoon forecasts revised as reservoirs run low</a></li>
        <li><a href="/list">Port strike enters its third week</a></li>
      </ol>
    </aside>
  </div>`;
  return shell(article.title, main, readerToolbar(input.ssoOn, input.signedIn));
}

const OTHER_STORIES = [
  { slug: 'monsoon-forecast-revised', title: 'Monsoon forecasts revised as reservoirs run low', section: 'Climate' },
  { slug: 'port-strike-third-week', title: 'Port strike enters its third week', section: 'Business' },
  { slug: 'cricket-board-elections', title: 'Cricket board elections postponed again', section: 'Sport' },
];

/** The list page: each story with its count, filled by embed.js from one request. */
export function listPage(input: { article: DemoArticle; parley: string }): string {
  const stories = [
    { slug: input.article.slug, title: input.article.title, section: 'South Asia', href: '/' },
    ...OTHER_STORIES.map((s) => ({ ...s, href: '/list' })),
  ];
  const items = stories
    .map(
      (s) => `<li class="teaser">
        <p class="kicker">${escapeHtml(s.section)}</p>
        <h2><a href="${s.href}">${escapeHtml(s.title)}</a></h2>
        <p class="teaser__meta"><parley-count data-article="${escapeHtml(s.slug)}">Comments</parley-count></p>
      </li>`,
    )
    .join('\n');
  const main = `<h1 class="list-title">Latest news</h1>
  <ol class="teasers">${items}</ol>
  <script src="${escapeHtml(input.parley)}/embed.js" async></script>`;
  return shell('Latest news', main);
}

/** The publisher's own script: its reader switch hands Parley the SSO token, and its theme choice. */
export const PUBLISHER_SCRIPT = `
const root = document.documentElement;
const status = document.getElementById('ledger-parley-status');
const themePicker = document.getElementById('ledger-theme');
const readerSwitch = document.getElementById('ledger-signed-in');
const savedTheme = localStorage.getItem('ledger-theme') || 'auto';

function applyTheme(choice) {
  if (choice === 'auto') delete root.dataset.theme;
  else root.dataset.theme = choice;
  if (window.Parley) window.Parley.setTheme(choice);
}
applyTheme(savedTheme);
if (themePicker) {
  themePicker.value = savedTheme;
  themePicker.addEventListener('change', () => {
    localStorage.setItem('ledger-theme', themePicker.value);
    applyTheme(themePicker.value);
  });
}
// embed.js loads async: it says when window.Parley is there.
document.addEventListener('parley:ready', () => applyTheme(localStorage.getItem('ledger-theme') || 'auto'));
document.addEventListener('parley:session', (event) => {
  if (status) status.textContent = event.detail ? 'In the discussion as ' + event.detail.name + '.' : 'Reading the discussion as a guest.';
});

readerSwitch?.addEventListener('change', async () => {
  const on = readerSwitch.checked;
  await fetch('/session?signedIn=' + (on ? '1' : '0'), { method: 'POST' });
  if (!window.Parley) return;
  if (!on) return window.Parley.signOut();
  const answer = await fetch('/sso-token');
  if (answer.status === 200) window.Parley.signIn((await answer.json()).token);
});
`;

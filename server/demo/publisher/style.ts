/** The demo publisher's stylesheet: a broadsheet look that is not Parley's, light and dark. */
export const PUBLISHER_CSS = `
:root {
  --ink: #111418; --soft: #545b66; --paper: #ffffff; --rule: #d5d9de; --brand: #0a3a66; --link: #0a4f9c;
  --panel: #f4f6f8;
  color-scheme: light;
}
@media (prefers-color-scheme: dark) {
  :root:not([data-theme='light']) {
    --ink: #e7eaee; --soft: #a9b1bc; --paper: #0e1116; --rule: #2c333d; --brand: #8ab8ea; --link: #8cc0ff;
    --panel: #171c23;
    color-scheme: dark;
  }
}
:root[data-theme='dark'] {
  --ink: #e7eaee; --soft: #a9b1bc; --paper: #0e1116; --rule: #2c333d; --brand: #8ab8ea; --link: #8cc0ff;
  --panel: #171c23;
  color-scheme: dark;
}
*, *::before, *::after { box-sizing: border-box; }
body {
  margin: 0; background: var(--paper); color: var(--ink);
  font: 17px/1.6 'Source Serif Pro', Georgia, 'Times New Roman', serif;
}
a { color: var(--link); }
.masthead { border-block-end: 4px solid var(--ink); padding: 1rem 1rem 0; max-width: 1100px; margin: 0 auto; }
.masthead__top { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.25rem 1rem; }
.masthead__name {
  font: 700 2.6rem/1 'Playfair Display', Georgia, serif; letter-spacing: -0.01em; color: var(--ink); text-decoration: none;
}
.masthead__tag { margin: 0; color: var(--soft); font: 0.85rem/1.4 system-ui, sans-serif; }
.sections {
  display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin-block-start: 0.75rem; padding-block: 0.5rem;
  border-block-start: 1px solid var(--rule); font: 600 0.9rem/1.4 system-ui, sans-serif; text-transform: uppercase;
  letter-spacing: 0.04em;
}
.sections a { color: var(--ink); text-decoration: none; }
.sections a:hover { text-decoration: underline; }
.toolbar {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding: 0.6rem 0.75rem; margin-block-end: 1rem;
  background: var(--panel); font: 0.9rem/1.4 system-ui, sans-serif;
}
.toolbar p { margin: 0; }
.toolbar__status { color: var(--soft); }
.toolbar__note { flex-basis: 100%; color: var(--soft); }
.switch { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: 600; }
.switch input { inline-size: 1.1rem; block-size: 1.1rem; }
.toolbar select { font: inherit; margin-inline-start: 0.25rem; }
.page { max-width: 1100px; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr); gap: 2rem; }
@media (min-width: 900px) { .columns { grid-template-columns: minmax(0, 1fr) 260px; } }
.story { max-width: 700px; min-width: 0; }
.kicker { margin: 0; color: var(--brand); font: 700 0.8rem/1.4 system-ui, sans-serif; text-transform: uppercase; letter-spacing: 0.08em; }
.story h1 { margin: 0.25rem 0 0.5rem; font: 700 2.2rem/1.15 'Playfair Display', Georgia, serif; }
.byline { margin: 0 0 1.5rem; color: var(--soft); font: 0.9rem/1.4 system-ui, sans-serif; }
.story__body h2, .story__body h3 { font-family: Georgia, serif; line-height: 1.25; }
.comments { margin-block-start: 2.5rem; border-block-start: 2px solid var(--ink); }
.comments h2 { font: 700 1.4rem/1.3 Georgia, serif; margin: 0.75rem 0; }
.rail { border-block-start: 2px solid var(--ink); font: 0.95rem/1.45 system-ui, sans-serif; }
.rail h2 { font: 700 1rem/1.3 system-ui, sans-serif; text-transform: uppercase; letter-spacing: 0.06em; }
.rail ol { padding-inline-start: 1.2rem; }
.rail li { margin-block-end: 0.75rem; }
parley-count { color: var(--soft); font: 0.85rem/1.4 system-ui, sans-serif; white-space: nowrap; }
.list-title { font: 700 2rem/1.2 Georgia, serif; margin-block-start: 0; }
.teasers { list-style: none; margin: 0; padding: 0; max-width: 760px; }
.teaser { padding-block: 1rem; border-block-end: 1px solid var(--rule); }
.teaser h2 { margin: 0.2rem 0; font: 700 1.35rem/1.3 Georgia, serif; }
.teaser h2 a { color: var(--ink); text-decoration: none; }
.teaser h2 a:hover { text-decoration: underline; }
.teaser__meta { margin: 0; }
.colophon { max-width: 1100px; margin: 0 auto; padding: 1rem; border-block-start: 1px solid var(--rule); color: var(--soft); font: 0.85rem/1.4 system-ui, sans-serif; }
@media (max-width: 480px) { .masthead__name { font-size: 2rem; } .story h1 { font-size: 1.7rem; } }
`;

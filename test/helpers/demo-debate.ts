/** The debate most browser tests start from: the demo host's, on the demo article, made over HTTP. */
import type { Page } from 'playwright-core';
import { api, signInAs } from './server.js';

export const DEMO_SLUG = 'pakistan-afghanistan-peace-talks';
export const DEMO_ARTICLE_PATH = `/a/${DEMO_SLUG}`;

/**
 * A debate on the demo article hosted by the demo host, positions Pakistan and Afghanistan without
 * debaters, created by the demo moderator; with `session`, set up by the host (the body of
 * POST /api/debates/:id/session, e.g. `{ template: 'oxford' }`).
 */
export async function demoDebate(
  base: string,
  options: { motion?: string; session?: Record<string, unknown> } = {},
): Promise<{ debateId: string; hostToken: string; motion: string }> {
  const hostToken = await signInAs(base, 'host');
  const hostId = (await api(base, '/api/me', { token: hostToken })).body.user.id as string;
  const article = (await api(base, `/api/articles/${DEMO_SLUG}`)).body.article;
  const created = await api(base, '/api/debates', {
    token: await signInAs(base, 'moderator'),
    body: {
      articleId: article.id,
      hostId,
      motion: options.motion ?? article.motion,
      positions: [
        { name: 'Pakistan', debaterIds: [] },
        { name: 'Afghanistan', debaterIds: [] },
      ],
    },
  });
  if (created.status !== 201) throw new Error(`debate create: ${created.status} ${JSON.stringify(created.body)}`);
  const debateId = created.body.debate.id as string;
  if (options.session) {
    const setup = await api(base, `/api/debates/${debateId}/session`, { token: hostToken, body: options.session });
    if (setup.status !== 201) throw new Error(`debate setup: ${setup.status} ${JSON.stringify(setup.body)}`);
  }
  return { debateId, hostToken, motion: created.body.debate.motion as string };
}

/** Waits for the article page's debate panel to show its phase (the newest debate is the current one). */
export async function openDebatePanel(page: Page): Promise<void> {
  await page.getByTestId('debate-panel').waitFor();
  await page.getByTestId('debate-phase').waitFor();
}

/** Article use cases: admins create and edit; everyone lists and reads. */
import type { Article, ArticleSummary } from '../../shared/types.js';
import type { ArticleCreateBody, ArticleUpdateBody } from '../../shared/schemas.js';
import { StoreConflictError, type ArticleRecord, type Page } from '../store/store.js';
import type { Deps } from './deps.js';
import { AppError } from '../errors.js';
import { requireRole, type Actor } from './users.js';
import { currentDebateOf } from './debate/current.js';

export const toArticle = (a: ArticleRecord): Article => ({
  id: a.id,
  slug: a.slug,
  title: a.title,
  body: a.body,
  motion: a.motion,
  positions: a.positions,
  publishedAt: a.publishedAt,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
  seq: a.seq,
});

/** An article for a list, with the debate it hosts now and how many it has. */
export const toArticleSummary = async (deps: Deps, a: ArticleRecord): Promise<ArticleSummary> => {
  const { body: _body, ...summary } = toArticle(a);
  return { ...summary, ...(await currentDebateOf(deps, a.id)) };
};

const slugTaken = (err: unknown): never => {
  if (err instanceof StoreConflictError) throw new AppError('SLUG_TAKEN');
  throw err;
};

export async function createArticle(deps: Deps, actor: Actor | null, input: ArticleCreateBody): Promise<Article> {
  const admin = requireRole(actor, 'admin');
  const record = await deps.store
    .createArticle({
      slug: input.slug,
      title: input.title,
      body: input.body,
      motion: input.motion ?? null,
      positions: input.positions ?? [],
      publishedAt: input.publishedAt ?? null,
      createdBy: admin.id,
    })
    .catch(slugTaken);
  return toArticle(record);
}

export async function updateArticle(
  deps: Deps,
  actor: Actor | null,
  id: string,
  patch: ArticleUpdateBody,
): Promise<Article> {
  requireRole(actor, 'admin');
  const record = await deps.store.updateArticle(id, patch).catch(slugTaken);
  if (!record) throw new AppError('NOT_FOUND', 'No such article.');
  return toArticle(record);
}

export async function getArticleBySlug(deps: Deps, slug: string): Promise<Article> {
  const record = await deps.store.getArticleBySlug(slug);
  if (!record) throw new AppError('NOT_FOUND', 'No such article.');
  return toArticle(record);
}

export async function listArticles(
  deps: Deps,
  query: { limit?: number | undefined; after?: string | undefined },
): Promise<Page<ArticleSummary>> {
  const page = await deps.store.listArticles({
    limit: query.limit ?? 20,
    ...(query.after ? { after: query.after } : {}),
  });
  return { items: await Promise.all(page.items.map((a) => toArticleSummary(deps, a))), next: page.next };
}

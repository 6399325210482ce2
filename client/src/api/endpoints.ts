/**
 * Typed calls to the Parley REST API, one function per route. Each resolves with the answer's
 * payload and rejects with an ApiError (see client.ts).
 */
import type { Article, ArticleSummary, SelfUser } from '../../../shared/types.js';
import type { RegisterBody, SignInBody } from '../../../shared/schemas.js';
import { getTokens } from '../state/tokens.js';
import type { Page } from '../../../shared/types.js';
import { apiRequest } from './client.js';

export type { Page };

/** What sign-in and register answer. `expiresIn` is the access token's lifetime in seconds. */
export interface AuthAnswer {
  user: SelfUser;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** GET /api/articles -> `{ items: ArticleSummary[], next }` */
export function listArticles(after: string | null, signal?: AbortSignal): Promise<Page<ArticleSummary>> {
  return apiRequest('/api/articles', { query: { after: after ?? undefined }, signal });
}

/** GET /api/articles/:slug -> `{ article }`; 404 NOT_FOUND for an unknown slug. */
export async function getArticle(slug: string, signal?: AbortSignal): Promise<Article> {
  const answer = await apiRequest<{ article: Article }>(`/api/articles/${encodeURIComponent(slug)}`, { signal });
  return answer.article;
}

/** POST /api/auth/sign-in -> AuthAnswer; 401 INVALID_CREDENTIALS on a wrong name or password. */
export function signIn(body: SignInBody): Promise<AuthAnswer> {
  return apiRequest('/api/auth/sign-in', { method: 'POST', body });
}

/** POST /api/auth/register -> AuthAnswer; 409 NAME_TAKEN when the name is in use. */
export function register(body: RegisterBody): Promise<AuthAnswer> {
  return apiRequest('/api/auth/register', { method: 'POST', body });
}

/** POST /api/auth/sign-out with the current refresh token, so the server revokes it. */
export async function signOut(): Promise<void> {
  await apiRequest<unknown>('/api/auth/sign-out', {
    method: 'POST',
    body: () => ({ refreshToken: getTokens()?.refreshToken ?? '' }),
  });
}

/** GET /api/me -> `{ user }`, the signed-in user's own view. */
export async function getMe(signal?: AbortSignal): Promise<SelfUser> {
  const answer = await apiRequest<{ user: SelfUser }>('/api/me', { signal });
  return answer.user;
}

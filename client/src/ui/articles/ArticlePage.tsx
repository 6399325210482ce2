import { getArticle } from '../../api/endpoints.js';
import { ApiError } from '../../api/errors.js';
import { useResource } from '../../api/useResource.js';
import { LoadError } from '../layout/LoadError.js';
import { NotFound } from '../layout/NotFound.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { ArticleBody } from './ArticleBody.js';
import { DebateBox } from './DebateBox.js';
import { ArticleDebates, useDebateChoice } from '../debate/ArticleDebates.js';
import { Discussion } from '../discussion/Discussion.js';
import { PublishedDate } from './PublishedDate.js';

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NOT_FOUND';
}

/** An article: headline, date, the debate it hosts (if any), its body, the live debate panel, and the discussion. */
export function ArticlePage({ slug }: { slug: string }) {
  const [article, reload] = useResource((signal) => getArticle(slug, signal), [slug]);
  useDocumentTitle(
    article.state === 'ready'
      ? article.data.title
      : article.state === 'failed' && isNotFound(article.error)
        ? 'Not found'
        : null,
  );
  const debates = useDebateChoice(article.state === 'ready' ? article.data.id : null);

  if (article.state === 'loading') {
    return (
      <p className="muted" role="status">
        Loading article…
      </p>
    );
  }
  if (article.state === 'failed') {
    if (isNotFound(article.error)) return <NotFound what="article" />;
    return <LoadError error={article.error} what="this article" onRetry={reload} />;
  }

  const { title, publishedAt, motion, positions, body } = article.data;
  return (
    <>
      <article className="article">
        <header className="article__header">
          <h1 className="article__title" dir="auto">
            {title}
          </h1>
          <p className="article__meta">
            <PublishedDate publishedAt={publishedAt} />
          </p>
        </header>
        {motion && <DebateBox motion={motion} positions={positions} />}
        <ArticleBody markdown={body} />
      </article>
      <ArticleDebates choice={debates} />
      <Discussion slug={slug} positions={debates.chosen?.positions} />
    </>
  );
}

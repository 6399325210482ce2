import type { ArticleSummary } from '../../../../shared/types.js';
import { listArticles } from '../../api/endpoints.js';
import { usePagedList } from '../../api/usePagedList.js';
import { articlePath } from '../../state/router.js';
import { Link } from '../layout/Link.js';
import { LoadError } from '../layout/LoadError.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { PublishedDate } from './PublishedDate.js';

/** One article in the list; the first (lead) one is drawn as a large card. */
function ArticleTeaser({ article, lead }: { article: ArticleSummary; lead: boolean }) {
  return (
    <article className={lead ? 'teaser teaser--lead' : 'teaser'}>
      <h2 className="teaser__title" dir="auto">
        <Link to={articlePath(article.slug)}>{article.title}</Link>
      </h2>
      <p className="teaser__meta">
        <PublishedDate publishedAt={article.publishedAt} />
      </p>
      {article.motion && (
        <p className="teaser__motion">
          <span className="teaser__label">Debate:</span> <bdi>{article.motion}</bdi>
        </p>
      )}
    </article>
  );
}

/** The front page: the newest articles, the first one as the lead story. */
export function ArticleList() {
  useDocumentTitle(null);
  const list = usePagedList((after, signal) => listArticles(after, signal), []);

  return (
    <section className="front-page" aria-labelledby="front-page-heading" aria-busy={list.status === 'loading'}>
      <h1 id="front-page-heading" className="section-label">
        Latest articles
      </h1>
      {list.status === 'loading' && (
        <p className="muted" role="status">
          Loading articles…
        </p>
      )}
      {list.status === 'failed' && <LoadError error={list.error} what="the articles" onRetry={list.reload} />}
      {list.status !== 'loading' && list.status !== 'failed' && list.items.length === 0 && (
        <p className="muted">No articles have been published yet.</p>
      )}
      {list.items.length > 0 && (
        <ol className="teasers">
          {list.items.map((article, index) => (
            <li key={article.id}>
              <ArticleTeaser article={article} lead={index === 0} />
            </li>
          ))}
        </ol>
      )}
      {list.status === 'failed-more' && <LoadError error={list.error} what="more articles" />}
      {list.next !== null && list.status !== 'loading' && list.status !== 'failed' && (
        <button
          type="button"
          className="button button--quiet load-more"
          onClick={list.loadMore}
          disabled={list.status === 'loading-more'}
        >
          {list.status === 'loading-more' ? 'Loading…' : 'More articles'}
        </button>
      )}
    </section>
  );
}

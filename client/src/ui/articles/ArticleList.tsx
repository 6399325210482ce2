import { useMemo } from 'react';
import type { DebateStatus } from '../../../../shared/debate/model.js';
import { countOf } from '../../../../shared/plural.js';
import type { ArticleSummary, CurrentDebateNote, FrontArticleStats } from '../../../../shared/types.js';
import { listArticles } from '../../api/endpoints.js';
import { usePagedList } from '../../api/usePagedList.js';
import { useFrontStats } from '../../realtime/useFrontStats.js';
import { articlePath } from '../../state/router.js';
import { Link } from '../layout/Link.js';
import { LoadError } from '../layout/LoadError.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { DebateBadge } from './DebateBadge.js';
import { PublishedDate } from './PublishedDate.js';
import './articles.css';

/** How a teaser introduces the article's current debate. */
const TEASER_LABELS: Record<DebateStatus, string> = {
  scheduled: 'Debate coming up',
  'pre-vote': 'Debate, pre-vote open',
  live: 'Debate live now',
  'post-vote': 'Debate, final vote open',
  results: 'Debate results',
  closed: 'Debate',
};

/** An article as the front page shows it now: the list's summary with the live numbers laid over it. */
interface Teaser {
  article: ArticleSummary;
  commentCount: number | null;
  /** Unknown until the live connection answers. */
  readers: number | null;
  currentDebate: CurrentDebateNote | null;
  debateCount: number;
}

function teaserOf(article: ArticleSummary, live: FrontArticleStats | undefined): Teaser {
  return {
    article,
    commentCount: live?.commentCount ?? article.commentCount ?? null,
    readers: live?.readers ?? null,
    currentDebate: live && live.currentDebate !== undefined ? live.currentDebate : article.currentDebate,
    debateCount: live?.debateCount ?? article.debateCount,
  };
}

/**
 * The debate beside an article: its current one with where it stands as a badge (shared/debate/
 * current.ts, as the server found it), else the motion of an article that has never held a debate. An article
 * whose debates are all over shows none: its past ones are on its page.
 */
function TeaserDebate({ teaser }: { teaser: Teaser }) {
  const debate = teaser.currentDebate;
  if (debate)
    return (
      <p className="teaser__motion" data-testid="teaser-debate">
        {debate.status === 'closed' ? (
          <span className="teaser__label">{TEASER_LABELS.closed}</span>
        ) : (
          <DebateBadge status={debate.status} text={TEASER_LABELS[debate.status]} className="teaser__badge" />
        )}
        <span className="visually-hidden">:</span> <bdi>{debate.motion}</bdi>
      </p>
    );
  if (!teaser.article.motion || teaser.debateCount > 0) return null;
  return (
    <p className="teaser__motion" data-testid="teaser-debate">
      <span className="teaser__label">Debate:</span> <bdi>{teaser.article.motion}</bdi>
    </p>
  );
}

/** Comments and readers now, after the date: what makes a story worth opening. */
function TeaserStats({ teaser }: { teaser: Teaser }) {
  const { commentCount, readers } = teaser;
  return (
    <p className="teaser__meta">
      <PublishedDate publishedAt={teaser.article.publishedAt} />
      {commentCount !== null && (
        <span className="teaser__stat" data-testid="teaser-comments">
          {commentCount === 0 ? 'No comments yet' : countOf(commentCount, 'comment')}
        </span>
      )}
      {readers !== null && readers > 0 && (
        <span className="teaser__stat teaser__stat--readers" data-testid="teaser-readers">
          {readers} reading now
        </span>
      )}
    </p>
  );
}

/** One article in the list; the first (lead) one is drawn as a large card. */
function ArticleTeaser({ teaser, lead }: { teaser: Teaser; lead: boolean }) {
  const { article } = teaser;
  return (
    <article className={lead ? 'teaser teaser--lead' : 'teaser'} data-testid="teaser">
      <h2 className="teaser__title" dir="auto">
        <Link to={articlePath(article.slug)}>{article.title}</Link>
      </h2>
      <TeaserStats teaser={teaser} />
      <TeaserDebate teaser={teaser} />
    </article>
  );
}

/**
 * The front page: the newest articles, the first one as the lead story, each with its comments,
 * readers now and current debate kept live while the page is open (useFrontStats).
 */
export function ArticleList() {
  useDocumentTitle(null);
  const list = usePagedList((after, signal) => listArticles(after, signal), []);
  const ids = useMemo(() => list.items.map((a) => a.id), [list.items]);
  const live = useFrontStats(ids);

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
              <ArticleTeaser teaser={teaserOf(article, live.get(article.id))} lead={index === 0} />
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

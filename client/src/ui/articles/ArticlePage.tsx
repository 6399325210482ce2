import { getArticle } from '../../api/endpoints.js';
import { ApiError } from '../../api/errors.js';
import { useResource } from '../../api/useResource.js';
import { LoadError } from '../layout/LoadError.js';
import { NotFound } from '../layout/NotFound.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { ArticleBody } from './ArticleBody.js';
import { DEBATE_PANEL_ID, DebateBox } from './DebateBox.js';
import { useDebateStage } from './useDebateStage.js';
import { ArticleDebates, useArticleDebateList, type ArticleDebateList } from '../debate/ArticleDebates.js';
import { Discussion } from '../discussion/Discussion.js';
import { ArticleCommonGround } from '../ground/ArticleCommonGround.js';
import { PublishedDate } from './PublishedDate.js';
import './articles.css';

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NOT_FOUND';
}

/**
 * The box at the top follows the article's current debate, live (its stage from useDebateStage,
 * newer than the list's status when they differ), and links down to its panel; an article that has
 * never held one shows the motion it proposes. Nothing while the list is not known, so an old motion
 * never flashes up.
 */
function CurrentDebateBox({
  list,
  motion,
  positions,
}: {
  list: ArticleDebateList;
  motion: string | null;
  positions: string[];
}) {
  const live = useDebateStage(list.current?.id ?? null);
  if (list.debates === null) return null;
  if (list.current)
    return (
      <DebateBox
        motion={list.current.motion}
        positions={list.current.positions.map((p) => p.name)}
        status={live?.status ?? list.current.status}
        stage={live?.stage ?? null}
        panelId={DEBATE_PANEL_ID}
      />
    );
  if (list.debates.length === 0 && motion) return <DebateBox motion={motion} positions={positions} />;
  return null;
}

/**
 * An article: headline, date, the debate it hosts (if any), its body, the live debate panel, its
 * common ground, and the discussion.
 */
export function ArticlePage({ slug }: { slug: string }) {
  const [article, reload] = useResource((signal) => getArticle(slug, signal), [slug]);
  useDocumentTitle(
    article.state === 'ready'
      ? article.data.title
      : article.state === 'failed' && isNotFound(article.error)
        ? 'Not found'
        : null,
  );
  const debates = useArticleDebateList(article.state === 'ready' ? article.data.id : null);

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

  const { id, title, publishedAt, motion, positions, body } = article.data;
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
        <CurrentDebateBox list={debates} motion={motion} positions={positions} />
        <ArticleBody markdown={body} />
      </article>
      <ArticleDebates list={debates} />
      <ArticleCommonGround articleId={id} slug={slug}>
        <Discussion slug={slug} positions={debates.current?.positions} stances={debates.stances} />
      </ArticleCommonGround>
    </>
  );
}

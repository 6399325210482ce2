import { Link } from './Link.js';
import { useDocumentTitle } from './useDocumentTitle.js';

/** The page for an unknown path or an article that does not exist. */
export function NotFound({ what = 'page' }: { what?: 'page' | 'article' }) {
  useDocumentTitle('Not found');
  return (
    <section className="notice-page">
      <h1>{what === 'article' ? 'We could not find that article' : 'Page not found'}</h1>
      <p>
        {what === 'article'
          ? 'It may have been moved or taken down, or the link may be mistyped.'
          : 'There is nothing at this address. Check the link, or start from the front page.'}
      </p>
      <p>
        <Link to="/">Back to all articles</Link>
      </p>
    </section>
  );
}

import { useId, useRef, useState } from 'react';
import { getArticle } from '../../api/endpoints.js';
import { useResource } from '../../api/useResource.js';
import { matchRoute, useLocation } from '../../state/router.js';
import { useSession } from '../../state/session.js';
import { closeOnEscape } from '../layout/escape.js';
import { NewDebateForm } from './NewDebateForm.js';
import './new-debate.css';

/**
 * The form, prefilled with the motion and positions of the article this page shows. The article
 * comes from the page's own slug, asked again here so the page's components need no new props;
 * without it (or for another article) the fields start empty.
 */
function PrefilledForm({
  articleId,
  onCreated,
  onClose,
}: {
  articleId: string;
  onCreated(debateId: string, formatSet: boolean): void;
  onClose(): void;
}) {
  const route = matchRoute(useLocation().pathname);
  const slug = route.page === 'article' ? route.slug : null;
  const [article] = useResource((signal) => (slug ? getArticle(slug, signal) : Promise.resolve(null)), [slug]);
  if (article.state === 'loading') {
    return (
      <p className="muted" role="status">
        Loading the article’s motion…
      </p>
    );
  }
  const own = article.state === 'ready' && article.data?.id === articleId ? article.data : null;
  return (
    <NewDebateForm
      articleId={articleId}
      motion={own?.motion ?? ''}
      positions={own?.positions ?? []}
      onCreated={onCreated}
      onCancel={onClose}
    />
  );
}

/**
 * "Start a debate" on an article page, for moderators and admins only (nothing for anyone else): a
 * button that opens the new-debate form. `onCreated` runs once the roster exists, so the page can
 * list and show the new debate.
 */
export function StartDebate({ articleId, onCreated }: { articleId: string; onCreated(debateId: string): void }) {
  const { user } = useSession();
  const formId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState('');
  if (!user || user.role === 'reader') return null; // hosts, moderators and admins

  // The form goes away under the keyboard focus; the button that opened it takes the focus back.
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const created = (debateId: string, formatSet: boolean) => {
    onCreated(debateId);
    if (formatSet) {
      close();
      setNotice('The debate is set up: it shows above, or under “Coming later” while another debate is under way.');
    }
  };

  return (
    <section className="start-debate">
      <button
        ref={toggle}
        type="button"
        className="button button--quiet"
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        onClick={() => {
          setNotice('');
          setOpen(!open);
        }}
        // Escape on the button folds the form; inside it Escape does not, so no typing is thrown away.
        onKeyDown={(event) =>
          open &&
          closeOnEscape(
            event,
            () => setOpen(false),
            () => toggle.current,
          )
        }
      >
        Start a debate
      </button>
      <p className="start-debate__notice" role="status">
        {notice}
      </p>
      {open && (
        <div id={formId}>
          <PrefilledForm articleId={articleId} onCreated={created} onClose={close} />
        </div>
      )}
    </section>
  );
}

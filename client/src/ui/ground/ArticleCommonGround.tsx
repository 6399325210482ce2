import { useMemo, type ReactNode } from 'react';
import type { GroundScope } from '../../../../shared/common-ground.js';
import { useCommonGround } from '../../realtime/useCommonGround.js';
import { articlePath, authPath } from '../../state/router.js';
import { useSession } from '../../state/session.js';
import { CommonGroundPanel } from './CommonGroundPanel.js';
import { MakeStatementContext, type MakeStatementValue } from './MakeStatement.js';

/**
 * The article's common ground: the panel, then `children` (the discussion), which are given
 * "Make a statement" on comments when the viewer manages the article's statements.
 */
export function ArticleCommonGround({
  articleId,
  slug,
  children,
}: {
  articleId: string;
  slug: string;
  children: ReactNode;
}) {
  const { session, user } = useSession();
  const selfId = session.status === 'restoring' ? undefined : (user?.id ?? null);
  const scope = useMemo<GroundScope>(() => ({ kind: 'article', id: articleId }), [articleId]);
  const [load, actions] = useCommonGround(scope, selfId);
  const canManage = load.status === 'ready' && load.live.view.canManage;
  const make = useMemo<MakeStatementValue | null>(
    () => (canManage ? { propose: actions.proposeComment } : null),
    [canManage, actions],
  );
  return (
    <MakeStatementContext.Provider value={make}>
      <CommonGroundPanel
        load={load}
        actions={actions}
        level={2}
        signInPath={user ? null : authPath('sign-in', articlePath(slug))}
      />
      {children}
    </MakeStatementContext.Provider>
  );
}

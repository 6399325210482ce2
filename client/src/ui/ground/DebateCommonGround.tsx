import { useMemo } from 'react';
import type { GroundScope } from '../../../../shared/common-ground.js';
import { useCommonGround } from '../../realtime/useCommonGround.js';
import { authPath } from '../../state/router.js';
import { useSession } from '../../state/session.js';
import { CommonGroundPanel } from './CommonGroundPanel.js';

/** A debate's own common ground inside its panel: its statements, groups and positions over the groups. */
export function DebateCommonGround({ debateId }: { debateId: string }) {
  const { session, user } = useSession();
  const selfId = session.status === 'restoring' ? undefined : (user?.id ?? null);
  const scope = useMemo<GroundScope>(() => ({ kind: 'debate', id: debateId }), [debateId]);
  const [load, actions] = useCommonGround(scope, selfId);
  return (
    <CommonGroundPanel
      load={load}
      actions={actions}
      level={3}
      debate
      testId="debate-common-ground"
      signInPath={user ? null : authPath('sign-in', window.location.pathname)}
    />
  );
}

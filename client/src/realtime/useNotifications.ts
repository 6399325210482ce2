/**
 * The signed-in user's notifications, live (issue 15): the first page on load and after every
 * fresh connection (a notice missed while away comes with it), `notification:new` and
 * `notifications:read` from the server for this tab and every other tab of the user.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { NotificationPage, NotificationsRead } from '../../../shared/notifications.js';
import { apiRequest } from '../api/client.js';
import { EMPTY_LIST, withNew, withPage, withRead, type NotificationList } from './notification-list.js';
import { listen } from './requests.js';
import { connectAs } from './socket.js';

const PAGE = 20;

export interface Notifications extends NotificationList {
  /** Marks these read (the server tells every tab); rejects with the server's refusal. */
  markRead(ids: string[]): Promise<void>;
  markAllRead(): Promise<void>;
  loadMore(): Promise<void>;
}

export function useNotifications(selfId: string | null | undefined): Notifications {
  const [list, setList] = useState<NotificationList>(EMPTY_LIST);
  const [owner, setOwner] = useState(selfId);
  // Another identity starts from nothing known; reset while rendering, not in the effect.
  if (owner !== selfId) {
    setOwner(selfId);
    setList(EMPTY_LIST);
  }
  const nextRef = useRef<string | null>(null);
  useEffect(() => {
    nextRef.current = list.next;
  }, [list.next]);

  useEffect(() => {
    if (!selfId) return;
    const socket = connectAs(selfId);
    let current = true;
    const load = () => {
      apiRequest<NotificationPage>('/api/notifications', { query: { limit: PAGE } }).then(
        (page) => {
          if (current) setList((l) => withPage(l, page, 'replace'));
        },
        // The bell stays as it was; the next connection asks again.
        () => undefined,
      );
    };
    const offNew = listen(socket, 'notification:new', (event) => setList((l) => withNew(l, event)));
    const offRead = listen(socket, 'notifications:read', (event) =>
      setList((l) => withRead(l, event, new Date().toISOString())),
    );
    socket.on('connect', load);
    load();
    return () => {
      current = false;
      offNew();
      offRead();
      socket.off('connect', load);
    };
  }, [selfId]);

  const apply = useCallback((event: NotificationsRead) => {
    setList((l) => withRead(l, event, new Date().toISOString()));
  }, []);
  const markRead = useCallback(
    async (ids: string[]) => {
      if (ids.length === 0) return;
      apply(await apiRequest<NotificationsRead>('/api/notifications/read', { method: 'POST', body: { ids } }));
    },
    [apply],
  );
  const markAllRead = useCallback(async () => {
    apply(await apiRequest<NotificationsRead>('/api/notifications/read', { method: 'POST', body: { all: true } }));
  }, [apply]);
  const loadMore = useCallback(async () => {
    const after = nextRef.current;
    if (!after) return;
    const page = await apiRequest<NotificationPage>('/api/notifications', { query: { limit: PAGE, after } });
    setList((l) => withPage(l, page, 'append'));
  }, []);

  return { ...list, markRead, markAllRead, loadMore };
}

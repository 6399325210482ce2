/** A user's notifications over HTTP (issue 15; docs/PROTOCOL.md, "Notifications"). */
import { Router } from 'express';
import { z } from 'zod';
import {
  followBody,
  markReadBody,
  notificationPageQuery,
  notificationSettingsPatch,
} from '../../../shared/notifications.js';
import type { Deps } from '../../domain/deps.js';
import {
  changeNotificationSettings,
  followDebate,
  isFollowing,
  listMyNotifications,
  markNotificationsRead,
  myNotificationSettings,
} from '../../domain/notifications/inbox.js';
import { actorOf } from '../middleware/authenticate.js';
import { parseInput } from '../validate.js';

const debateParams = z.object({ id: z.string().min(1).max(100) });

export function notificationRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/notifications', async (req, res) => {
    const actor = actorOf(res);
    res.json(await listMyNotifications(deps, actor, parseInput(notificationPageQuery, req.query, 'query')));
  });
  router.post('/notifications/read', async (req, res) => {
    res.json(await markNotificationsRead(deps, actorOf(res), parseInput(markReadBody, req.body)));
  });
  router.get('/notifications/settings', async (_req, res) => {
    res.json({ settings: await myNotificationSettings(deps, actorOf(res)) });
  });
  router.patch('/notifications/settings', async (req, res) => {
    const patch = parseInput(notificationSettingsPatch, req.body);
    res.json({ settings: await changeNotificationSettings(deps, actorOf(res), patch) });
  });
  router.get('/debates/:id/follow', async (req, res) => {
    const { id } = parseInput(debateParams, req.params, 'path');
    res.json(await isFollowing(deps, actorOf(res), id));
  });
  router.put('/debates/:id/follow', async (req, res) => {
    const { id } = parseInput(debateParams, req.params, 'path');
    const { following } = parseInput(followBody, req.body);
    res.json(await followDebate(deps, actorOf(res), { debateId: id, following }));
  });
  return router;
}

/**
 * The MongoDB adapter of the Store (DESIGN: store/), chosen when MONGO_URL is set. It needs a
 * replica set (docker-compose runs a one-member one) because comment and vote writes use
 * multi-document transactions.
 */
import { createConnection } from 'mongoose';
import type { Store } from '../store.js';
import { accountSafetyOps } from './account-safety.js';
import { articleModel, articleOps } from './articles.js';
import { auditModel, auditOps } from './audit.js';
import { autoSlowModeOps } from './auto-slow-mode.js';
import { collabOps } from './collab.js';
import { commentWriteOps } from './commentChanges.js';
import { commentCountOps } from './comment-counts.js';
import { commentReadOps } from './commentReads.js';
import { changeModel, commentModel } from './comments.js';
import { debateOps } from './debates.js';
import { groundOps } from './ground.js';
import { moderationOps } from './moderation.js';
import { notificationOps } from './notifications.js';
import { profileOps } from './profiles.js';
import { reportModel, reportOps } from './reports.js';
import { sanctionModel, sanctionOps } from './sanctions.js';
import { statementOps } from './statements.js';
import { refreshTokenModel, ssoTokenIdModel, tokenOps } from './tokens.js';
import { userModel, userOps } from './users.js';
import { voteModel, voteOps } from './votes.js';

/**
 * Opens a dedicated connection (never mongoose's global one), registers the models on it and
 * waits until every collection and index exists, so the unique rules hold from the first write
 * and no transaction has to create a collection. Rejects, with the connection closed, if the
 * server cannot be reached or an index cannot be built. (No Mongo deployment predates the ranking
 * fields, so there is nothing to backfill. Documents stored before the moderation fields are not
 * backfilled either: reads default them (toArticle, toComment) and the moderation queries treat a
 * missing field as its default.)
 */
export async function openMongoStore(url: string): Promise<Store> {
  const conn = createConnection(url, { autoIndex: true, autoCreate: true });
  try {
    await conn.asPromise();
    const users = userModel(conn);
    const ssoTokenIds = ssoTokenIdModel(conn);
    const refreshTokens = refreshTokenModel(conn);
    const articles = articleModel(conn);
    const comments = commentModel(conn);
    const changes = changeModel(conn);
    const votes = voteModel(conn);
    const reports = reportModel(conn);
    const audits = auditModel(conn);
    const sanctions = sanctionModel(conn);
    await Promise.all(
      [users, ssoTokenIds, refreshTokens, articles, comments, changes, votes, reports, audits, sanctions].map((model) =>
        model.init(),
      ),
    );

    return {
      kind: 'mongo',
      async ping() {
        const db = conn.db;
        if (!db) throw new Error('mongo connection is not open');
        await db.admin().ping();
      },
      async close() {
        await conn.close();
      },
      ...userOps(users),
      ...tokenOps(ssoTokenIds, refreshTokens),
      ...articleOps(articles),
      ...autoSlowModeOps(articles, comments),
      ...commentReadOps(comments, changes),
      ...commentCountOps(comments),
      ...commentWriteOps({ conn, articles, comments, changes }),
      ...voteOps(conn, comments, votes),
      ...moderationOps({ conn, articles, comments, changes, audits }),
      ...reportOps(conn, comments, reports),
      ...auditOps(audits),
      ...sanctionOps(sanctions),
      ...(await collabOps(conn)),
      ...(await debateOps(conn)),
      ...(await statementOps(conn)),
      ...(await groundOps(conn)),
      ...(await notificationOps(conn)),
      ...profileOps(conn),
      ...(await accountSafetyOps(conn, users)),
    };
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw err;
  }
}

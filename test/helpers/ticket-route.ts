/**
 * POST /api/collab/ticket on a bare HTTP server that runs /collab alone (no express app), so the
 * tests of the collab server ask tickets exactly as they would of Parley: a Bearer access token and
 * `{ doc }` in, `201 { ticket, expiresAt }` out, and the error model's status and code otherwise.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Collab } from '../../server/collab/server.js';
import type { Deps } from '../../server/domain/deps.js';
import { AppError } from '../../server/errors.js';

async function bodyOf(req: IncomingMessage): Promise<{ doc?: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString() || '{}') as { doc?: unknown };
}

export function serveTickets(server: Server, deps: Pick<Deps, 'tokens' | 'store'>, collab: Collab): void {
  server.on('request', (req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/api/collab/ticket')
      return answer(404, { error: { code: 'ROUTE_NOT_FOUND' } });
    void (async () => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token) throw new AppError('UNAUTHENTICATED');
      const user = await deps.store.getUser(deps.tokens.verifyAccess(token).sub);
      if (!user) throw new AppError('TOKEN_INVALID');
      const { doc } = await bodyOf(req);
      if (typeof doc !== 'string') throw new AppError('VALIDATION_FAILED');
      const issued = await collab.registry.hooks.issueTicket({ id: user.id, name: user.name, role: user.role }, doc);
      answer(201, { ticket: issued.ticket, expiresAt: issued.expiresAt.toISOString() });
    })().catch((err: unknown) =>
      err instanceof AppError
        ? answer(err.status, { error: err.toPublic() })
        : answer(500, { error: { code: 'INTERNAL' } }),
    );
  });
}

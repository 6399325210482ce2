/**
 * The demo publisher (npm run demo:publisher, docs/EMBED.md): a newspaper's site on its own origin
 * that embeds Parley as a publisher would. A tiny node:http server, no framework: an article page
 * with the embed tag, a list page with <parley-count> elements, and "signed in at the publisher",
 * which signs the reader's SSO token with the install's SSO secret.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { parseArticleFile } from '../seed.js';
import { articlePage, listPage, PUBLISHER_CSS, PUBLISHER_SCRIPT, type DemoArticle } from './pages.js';

export interface PublisherDemoOptions {
  /** Where Parley runs, e.g. http://localhost:3000 (no trailing slash). */
  parleyUrl: string;
  /** Parley's SSO_SECRET; without it the "signed in" switch explains that SSO is off. */
  ssoSecret: string | undefined;
  port: number;
  host?: string;
}

export interface PublisherDemo {
  /** The demo's own address, e.g. http://127.0.0.1:3100 */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The reader the demo publisher signs in: their id on the publisher's site, and their name. */
export const DEMO_PUBLISHER_READER = { sub: 'ledger-reader-1001', name: 'Ayesha Karim', email: 'ayesha@example.com' };

const SIGNED_IN_COOKIE = 'ledger_signed_in';

function demoArticle(): DemoArticle {
  const text = readFileSync(new URL('../pakistan-afghanistan-peace-talks.md', import.meta.url), 'utf8');
  const { slug, title, body, publishedAt } = parseArticleFile(text);
  return { slug, title, body, publishedAt };
}

const signedIn = (req: IncomingMessage) =>
  (req.headers.cookie ?? '').split(';').some((c) => c.trim() === `${SIGNED_IN_COOKIE}=1`);

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
  res.end(body);
}

/**
 * What the publisher's server does for Parley: signs a short-lived SSO token for its signed-in
 * reader (claims sub, name, email, exp, jti; HS256 with the shared secret).
 */
export function signDemoSsoToken(secret: string): string {
  return jwt.sign({ ...DEMO_PUBLISHER_READER, jti: randomUUID() }, secret, { algorithm: 'HS256', expiresIn: 300 });
}

export async function startPublisherDemo(options: PublisherDemoOptions): Promise<PublisherDemo> {
  const article = demoArticle();
  const parley = options.parleyUrl.replace(/\/+$/, '');
  const ssoOn = options.ssoSecret !== undefined;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /':
        return send(res, 200, 'text/html', articlePage({ article, parley, ssoOn, signedIn: signedIn(req) }));
      case 'GET /list':
        return send(res, 200, 'text/html', listPage({ article, parley }));
      case 'GET /publisher.css':
        return send(res, 200, 'text/css', PUBLISHER_CSS);
      case 'GET /publisher.js':
        return send(res, 200, 'text/javascript', PUBLISHER_SCRIPT);
      case 'GET /sso-token': {
        // embed.js asks here (data-sso-token-source="/sso-token") with the publisher's cookies.
        if (!options.ssoSecret || !signedIn(req)) {
          res.writeHead(204, { 'Cache-Control': 'no-store' });
          return res.end();
        }
        return send(res, 200, 'application/json', JSON.stringify({ token: signDemoSsoToken(options.ssoSecret) }));
      }
      case 'POST /session': {
        const on = url.searchParams.get('signedIn') === '1';
        res.setHeader('Set-Cookie', `${SIGNED_IN_COOKIE}=${on ? '1' : '0'}; Path=/; SameSite=Lax; HttpOnly`);
        return send(res, 200, 'application/json', JSON.stringify({ signedIn: on }));
      }
      default:
        return send(res, 404, 'text/plain', 'Not found on The Ledger.');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Helpers for the tests of several processes sharing one document: a private redis-server (its own
 * free port, never 6379, no persistence; it can be killed and started again on the same port), and
 * typing a paragraph into a summary the way an editor does, one character per update.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as Y from 'yjs';
import { within } from './wait.js';
import { freePort } from './free-port.js';

export const REDIS_SERVER = '/usr/bin/redis-server';

export interface OwnRedis {
  url: string;
  port: number;
  /** SIGKILL: subscribers lose their connection and whatever is published meanwhile. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after kill). */
  start(): Promise<void>;
}

/** A redis-server of this test alone; resolves once it accepts connections (its own log line says so). */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    const proc = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'notice'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    let log = '';
    await within(
      15_000,
      `redis-server on port ${port}`,
      new Promise<void>((resolve, reject) => {
        proc.stdout!.on('data', (chunk: Buffer) => {
          log += chunk.toString();
          if (log.includes('Ready to accept connections')) resolve();
        });
        proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${log}`)));
      }),
    );
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async kill() {
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
    start,
  };
}

/** Adds a paragraph at the end of the summary and types `text` into it, one update per character. */
export function typeParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  const content = new Y.XmlText();
  doc.transact(() => {
    paragraph.insert(0, [content]);
    doc.getXmlFragment('summary').push([paragraph]);
  });
  for (const ch of text) content.insert(content.length, ch);
}

/** The plain text of every paragraph of the summary. */
export function paragraphsOf(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment('summary')
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((t) => t.toString())
            .join('')
        : '',
    );
}

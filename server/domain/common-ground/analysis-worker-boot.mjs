// The analysis worker's entry when the server runs from its TypeScript sources (tsx, vitest): a
// worker thread does not inherit the parent's TypeScript loader, so it registers tsx's and then
// loads the real entry (workerData.entry, the URL of analysis-worker.ts). The compiled server
// starts analysis-worker.js directly and never loads this file.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);

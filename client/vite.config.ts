import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** The express server that answers the API, live events and collaboration in development. */
const backend = 'http://localhost:3000';

/** The source of /embed.js, the script publishers' pages include (docs/EMBED.md). */
const EMBED_ENTRY = fileURLToPath(new URL('./src/ui/embed/loader/embed.ts', import.meta.url));

/** embed.js as one classic script (an IIFE): publishers load it with a plain async <script> tag. */
async function bundleEmbedScript(minify: boolean): Promise<string> {
  const result = await esbuild({
    entryPoints: [EMBED_ENTRY],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify,
    write: false,
    legalComments: 'none',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild wrote no embed.js');
  return output.text;
}

/**
 * Builds embed.js beside the app, under a fixed name (publishers' pages name it; the app's own
 * files carry content hashes), and serves it from the dev server.
 */
function embedScript(): Plugin {
  return {
    name: 'parley-embed-script',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'embed.js', source: await bundleEmbedScript(true) });
    },
    configureServer(server) {
      server.middlewares.use('/embed.js', (_req, res, next) => {
        bundleEmbedScript(false).then((code) => {
          res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
          res.end(code);
        }, next);
      });
    },
  };
}

/**
 * Builds the browser client into `dist/client`, which the express server serves, with embed.js.
 * In development (`vite --config client/vite.config.ts`) everything the server answers is proxied.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), embedScript()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/socket.io': { target: backend, ws: true },
      '/collab': { target: backend, ws: true },
    },
  },
});

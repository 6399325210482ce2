import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The express server that answers the API, live events and collaboration in development. */
const backend = 'http://localhost:3000';

/**
 * Builds the browser client into `dist/client`, which the express server serves.
 * In development (`vite --config client/vite.config.ts`) everything the server answers is proxied.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
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

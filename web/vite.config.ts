import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app builds into `dist/web`, which the server serves at `/` (src/server/routes/web-app). In
 * development, `npx vite web` proxies the API to a running `candor serve` on port 8080.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // Charts live in their own chunk: the viewer app's first screen does not wait for them.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/v1': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
});

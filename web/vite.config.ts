// The pages: the storefront (/), the audience's /subscribe/ and /unsubscribe/, the survey's /survey/, the buyer's
// /privacy/, and the merchant dashboard
// (/dashboard/), each with its own small bundle.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        storefront: resolve(__dirname, 'index.html'),
        subscribe: resolve(__dirname, 'subscribe/index.html'),
        unsubscribe: resolve(__dirname, 'unsubscribe/index.html'),
        survey: resolve(__dirname, 'survey/index.html'),
        privacy: resolve(__dirname, 'privacy/index.html'),
        dashboard: resolve(__dirname, 'dashboard/index.html'),
      },
    },
  },
});

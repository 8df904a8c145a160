import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const gateway = process.env.QLEAP_GATEWAY ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        // Third-party code changes far less often than the dashboard's own, so it gets chunks of its own that a
        // browser keeps across releases: the chart library with its canvas helper, and everything else. Matching
        // by path takes in the entry points a name list misses (react-dom/client, @reduxjs/toolkit/query/react).
        manualChunks: (id) => {
          if (!id.includes('/node_modules/')) {
            return undefined;
          }
          return /\/node_modules\/(lightweight-charts|fancy-canvas)\//.test(id)
            ? 'charts'
            : 'vendor';
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: gateway, changeOrigin: true },
      '/health': { target: gateway, changeOrigin: true },
      '/ws': { target: gateway, changeOrigin: true, ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts'],
    css: false,
    restoreMocks: true,
  },
});

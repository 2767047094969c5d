import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      // The client compiles the contract from source. Exact match: `@guichet/shared/dto` (class-validator) stays out.
      {
        find: /^@guichet\/shared$/,
        replacement: fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
      },
    ],
  },
  build: {
    outDir: 'dist',
  },
  server: {
    proxy: {
      '/api': { target: apiTarget },
      '/open311': { target: apiTarget },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});

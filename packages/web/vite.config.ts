import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Static files for the server to serve at '/'. @trainyard/core resolves through its package
// exports to the built dist/, so `npm run build` at the root builds core first.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});

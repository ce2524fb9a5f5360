// The Electron build (electron-vite): `npm start` builds with it and runs `electron-vite preview`.
//   out/main/index.js       the main process (ESM, package.json has "type": "module")
//   out/main/db-worker.js   the DB worker thread, beside index.js, where the main process points the core
//   out/preload/index.cjs   the preload: CommonJS and self-contained, since a sandboxed preload is not ESM
//   out/renderer/           the renderer (the browser shell builds its own copy with renderer/vite.config.ts)
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('./out/main'),
      // package.json dependencies (better-sqlite3, electron-store, pino, zod, …) stay external and load
      // from node_modules at run time; electron and node: built-ins are always external.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: fromRoot('./electron/main/index.ts'),
          'db-worker': fromRoot('./electron/core/db/worker.ts'),
        },
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('./out/preload'),
      // A sandboxed preload can require only a few Electron-provided modules: bundle everything else.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('./electron/preload/index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: fromRoot('./renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: fromRoot('./out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
      rolldownOptions: {
        input: { index: fromRoot('./renderer/index.html') },
      },
    },
  },
});

import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Tests inject components' styles into the page, so a test can check a layout rule.
  plugins: [svelte(process.env.VITEST ? { compilerOptions: { css: 'injected' } } : {})],
  // The app loads from tauri://localhost; relative asset paths keep it origin-agnostic.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Inline nothing: the CSP allows scripts and styles only from 'self'.
    assetsInlineLimit: 0,
    // A desktop app loads from disk; one bundle with CodeMirror is fine.
    chunkSizeWarningLimit: 1200,
  },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
});

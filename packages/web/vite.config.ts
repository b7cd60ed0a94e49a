import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The page's build: `dist/index.html` and hashed `dist/assets/*` (cached a year by the
 * distribution), with no inline code, so that the page runs under its CSP
 * (`script-src 'self'; style-src 'self'`). `config.json` is not built in: each stage
 * writes its own beside the page.
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // Workspace packages from their TypeScript sources (their `source` export), as the
  // tests take them: the page builds without building `@tasks/client` first.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    target: 'es2022',
    // Module preload is native in every browser the page targets; the polyfill is dead code.
    modulePreload: { polyfill: false },
    // Nothing inlined as a data: URL: an asset is a file of its own, hashed.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});

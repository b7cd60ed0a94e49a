// @ts-check
/**
 * Each workspace package declares what it imports, and imports what it declares (issue
 * 11: adapter-lambda's build resolved `@aws-sdk/credential-provider-env` only because npm
 * hoisted it). Run by `npm run lint:root`; exits 1 listing every problem.
 *
 * - What `src/` imports at run time is in `dependencies` or `peerDependencies`; a
 *   type-only import may be satisfied by a devDependency (its `@types/` package counts).
 * - What tests, scripts and configs import is declared by the package or, for the shared
 *   tooling (vitest, fast-check, …), in the root's devDependencies.
 * - Every declared package is imported somewhere in the package, or its binary is run by
 *   one of its npm scripts.
 */
import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const CODE = /\.(?:[cm]?[jt]s|tsx)$/;
const SKIP = new Set(['node_modules', 'dist', '.turbo', 'coverage']);

/**
 * `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`, `require('x')`,
 * `import.meta.resolve('x')`, `require.resolve('x')`,
 * with whether it is type-only; also inside strings, where esbuild plugins write code.
 */
const SPECIFIERS =
  /(?:^|[\s;{}("'`])(?:(import\s+type\b|export\s+type\b)[^'"]*?from\s*|(?:import|export)\b[^'"]*?from\s*|import\s*\(\s*|import\s+|require\s*\(\s*|(?:import\.meta|require)\.resolve\s*\(\s*)['"]([^'"]+)['"]/g;

/** @param {string} dir @returns {Promise<string[]>} */
const codeFiles = async (dir) => {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : codeFiles(path);
      return CODE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
    }),
  );
  return nested.flat();
};

/**
 * The package a specifier names (`@scope/name/sub` → `@scope/name`); undefined for relative
 * and built-in ones, and for a scheme (`node:`, or `tasks:allowed-methods`, which
 * adapter-lambda's esbuild plugin makes from the template when it bundles).
 */
const packageOf = (/** @type {string} */ specifier) => {
  if (specifier.startsWith('.') || specifier.startsWith('/') || /^[a-z]+:/.test(specifier)) {
    return undefined;
  }
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
  return builtinModules.includes(name) ? undefined : name;
};

/** The `@types/` package that types `name`. */
const typesOf = (/** @type {string} */ name) =>
  `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;

/** @param {string} dir */
const readManifest = async (dir) => JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));

/** The binaries a dependency installs, to spot it in npm scripts. */
const binariesOf = async (/** @type {string} */ name) => {
  const manifest = await readManifest(join(root, 'node_modules', name)).catch(() => ({}));
  if (typeof manifest.bin === 'string') return [name.split('/').pop() ?? name];
  return Object.keys(manifest.bin ?? {});
};

const rootManifest = await readManifest(root);
const rootTooling = new Set(Object.keys(rootManifest.devDependencies ?? {}));
const problems = [];

for (const folder of (await readdir(join(root, 'packages'))).sort()) {
  const dir = join(root, 'packages', folder);
  const manifest = await readManifest(dir).catch(() => undefined);
  if (manifest === undefined) continue;
  const runtime = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const dev = new Set(Object.keys(manifest.devDependencies ?? {}));
  const used = new Set();
  for (const file of await codeFiles(dir)) {
    const where = relative(root, file);
    const inSrc = where.startsWith(join('packages', folder, 'src'));
    const text = await readFile(file, 'utf8');
    for (const [, typeOnly, specifier = ''] of text.matchAll(SPECIFIERS)) {
      const name = packageOf(specifier);
      if (name === undefined || name === manifest.name) continue;
      used.add(name);
      used.add(typesOf(name));
      const declared = inSrc
        ? runtime.has(name) || (typeOnly !== undefined && (dev.has(name) || dev.has(typesOf(name))))
        : runtime.has(name) ||
          dev.has(name) ||
          dev.has(typesOf(name)) ||
          rootTooling.has(name) ||
          rootTooling.has(typesOf(name));
      if (!declared) {
        const list = inSrc && typeOnly === undefined ? 'dependencies' : 'devDependencies';
        problems.push(
          `${where} imports ${name}, which ${manifest.name} does not declare in ${list}`,
        );
      }
    }
  }
  // A peer dependency of a package in use (ajv for ajv-draft-04) is in use too.
  for (const name of [...used]) {
    const peers = (await readManifest(join(root, 'node_modules', name)).catch(() => ({})))
      .peerDependencies;
    for (const peer of Object.keys(peers ?? {})) used.add(peer);
  }
  const scripts = Object.values(manifest.scripts ?? {}).join(' ');
  for (const name of [...runtime, ...dev]) {
    if (used.has(name)) continue;
    const binaries = await binariesOf(name);
    if (binaries.some((bin) => new RegExp(`(^|[\\s;&|])${bin}(\\s|$)`).test(scripts))) continue;
    problems.push(`${manifest.name} declares ${name} but nothing in it imports or runs it`);
  }
}

if (problems.length > 0) {
  console.error(
    `Undeclared or unused dependencies:\n${problems.map((line) => `  ${line}`).join('\n')}`,
  );
  process.exit(1);
}
console.log('Every package declares what it imports, and imports what it declares.');

// @ts-check
/**
 * The web page's first load (SPEC §9: JavaScript and CSS ≤ 30 KB gzipped): every script
 * and stylesheet that `dist/index.html` references, and every module those scripts import
 * statically, each gzipped on its own as a server sends it. Dynamic imports are left out:
 * they load later, if ever. Shared by the build (which fails over the bound) and
 * `npm run bench`.
 *
 * Run as a script: prints the table, or with `--json` one JSON object; exits 1 over the
 * bound or when `index.html` holds code the page's CSP refuses (inline scripts, `style`
 * attributes, inline event handlers).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';

/** SPEC §9's bound, in bytes of JavaScript and CSS gzipped. */
export const FIRST_LOAD_GZIP_LIMIT_BYTES = 30 * 1024;

/** The page's build, `packages/web/dist`. */
export const DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const LINK = /<link\b([^>]*)>/gi;
const ATTRIBUTE = /([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** @param {string} text */
const attributesOf = (text) => {
  /** @type {Record<string, string>} */
  const attributes = {};
  for (const [, name = '', double, single, bare] of text.matchAll(ATTRIBUTE)) {
    attributes[name.toLowerCase()] = double ?? single ?? bare ?? '';
  }
  return attributes;
};

/** A local path of the page (`/assets/x.js`) as a file of `dir`; undefined for other origins. */
const fileOf = (/** @type {string} */ dir, /** @type {string} */ url) =>
  /^[a-z]+:|^\/\//i.test(url)
    ? undefined
    : join(dir, url.replace(/^\//, '').split(/[?#]/)[0] ?? '');

/** What the page's CSP (script-src 'self', style-src 'self') would refuse in index.html. */
const inlineCodeOf = (/** @type {string} */ html) => {
  const found = [];
  for (const [, attributes = '', body = ''] of html.matchAll(SCRIPT)) {
    if (!('src' in attributesOf(attributes)))
      found.push(`inline script: ${body.trim().slice(0, 60)}`);
  }
  if (/<style\b/i.test(html)) found.push('a <style> element');
  for (const [attribute] of html.matchAll(/\s(?:style|on[a-z]+)\s*=/gi)) {
    found.push(`an attribute ${attribute.trim()}`);
  }
  return found;
};

/**
 * Measures the first load of the build in `dir` (default: this package's `dist`).
 * @param {string} [dir]
 */
export const measureFirstLoad = async (dir = DIST_DIR) => {
  await init;
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  /** @type {string[]} */
  const urls = [];
  for (const [, text = ''] of html.matchAll(SCRIPT)) urls.push(attributesOf(text)['src']);
  for (const [, text = ''] of html.matchAll(LINK)) {
    const attributes = attributesOf(text);
    const rel = (attributes['rel'] ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('stylesheet') || rel.includes('modulepreload')) urls.push(attributes['href']);
  }
  /** @type {string[]} */
  const pending = [];
  for (const url of urls) {
    const file = url === undefined ? undefined : fileOf(dir, url);
    if (file !== undefined) pending.push(file);
  }
  /** @type {Map<string, { file: string, bytes: number, gzipBytes: number }>} */
  const assets = new Map();
  for (let file = pending.shift(); file !== undefined; file = pending.shift()) {
    if (assets.has(file)) continue;
    const content = await readFile(file);
    assets.set(file, {
      file: relative(dir, file),
      bytes: content.byteLength,
      gzipBytes: gzipSync(content, { level: 9 }).byteLength,
    });
    if (!file.endsWith('.js')) continue;
    const [imports] = parse(content.toString('utf8'));
    for (const specifier of imports) {
      // t === 1: a static import or re-export; dynamic imports load later, if ever.
      if (specifier.t !== 1 || specifier.n === undefined) continue;
      const target = specifier.n.startsWith('/')
        ? fileOf(dir, specifier.n)
        : /^\.\.?\//.test(specifier.n)
          ? resolve(dirname(file), specifier.n)
          : undefined;
      if (target !== undefined) pending.push(target);
    }
  }
  const list = [...assets.values()].sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    assets: list,
    bytes: list.reduce((sum, asset) => sum + asset.bytes, 0),
    gzipBytes: list.reduce((sum, asset) => sum + asset.gzipBytes, 0),
    limitBytes: FIRST_LOAD_GZIP_LIMIT_BYTES,
    inlineCode: inlineCodeOf(html),
  };
};

const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const size = await measureFirstLoad();
  const over = size.gzipBytes > size.limitBytes;
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(size));
  } else {
    console.log('First load of the page (JavaScript and CSS that index.html loads):');
    for (const asset of size.assets) {
      console.log(
        `  ${asset.file.padEnd(36)} ${kb(asset.bytes).padStart(9)}  ${kb(asset.gzipBytes).padStart(8)} gzip`,
      );
    }
    console.log(
      `  ${'total'.padEnd(36)} ${kb(size.bytes).padStart(9)}  ${kb(size.gzipBytes).padStart(8)} gzip (limit ${kb(size.limitBytes)})`,
    );
  }
  for (const problem of size.inlineCode)
    console.error(`index.html: ${problem} (the CSP refuses it)`);
  if (over)
    console.error(`The first load is ${kb(size.gzipBytes)} gzipped, over ${kb(size.limitBytes)}.`);
  if (over || size.inlineCode.length > 0) process.exitCode = 1;
}

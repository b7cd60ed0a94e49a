import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, chmod, constants, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { type Env, resolveCacheDir } from '@tasks/dynamodb-local';
import { BrowserUnavailableError } from './errors.js';

const require = createRequire(import.meta.url);

/** The Chromium that `@sparticuz/chromium` ships: its `bin/` folder and its version. */
const shipped = async (): Promise<{ bin: string; version: string }> => {
  const entry = require.resolve('@sparticuz/chromium');
  const packageDir = dirname(dirname(entry));
  const manifest: unknown = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest
      ? String(manifest.version)
      : 'unknown';
  return { bin: join(packageDir, 'bin'), version };
};

const exists = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/**
 * The Chromium the browser tests drive: `$TASKS_CHROMIUM` when set (any Chromium or
 * Chrome; the only way on a machine other than Linux x64), else the headless shell that
 * `@sparticuz/chromium` carries brotli-compressed, decompressed once into the cache
 * (`<cache>/chromium-<version>/chromium`, see `resolveCacheDir`), so `npm ci` is all the
 * set-up and nothing is downloaded at test time.
 *
 * The package's own `executablePath()` is not used: it writes to `/tmp/chromium` in
 * place and trusts any file found there, so a run stopped while decompressing, or two
 * runs at once, leave a truncated binary that every later run launches. Here each
 * run decompresses into a file of its own and renames it into place when complete.
 */
export const chromiumExecutable = async (env: Env = process.env): Promise<string> => {
  const explicit = env['TASKS_CHROMIUM'];
  if (explicit !== undefined && explicit !== '') {
    if (await exists(explicit)) return explicit;
    throw new BrowserUnavailableError(`TASKS_CHROMIUM is "${explicit}", not an executable`);
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new BrowserUnavailableError(
      `@sparticuz/chromium ships Chromium for Linux x64 only, not ${process.platform} ${process.arch}: set TASKS_CHROMIUM to a Chromium or Chrome executable`,
    );
  }
  const { bin, version } = await shipped();
  const target = join(resolveCacheDir(env), `chromium-${version}`, 'chromium');
  if (await exists(target)) return target;
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.${randomUUID()}.partial`;
  try {
    await pipeline(
      createReadStream(join(bin, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(partial),
    );
    await chmod(partial, 0o755);
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
  return target;
};

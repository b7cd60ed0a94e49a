#!/usr/bin/env node
/**
 * `npm run token -- --sub alice`: prints a token of the local issuer, signed with the key
 * the local runtime (TASKS_AUTH=jwt) verifies against, kept in its data directory.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadOrCreateSigningKey } from './signing-key.js';
import { issueToken, LOCAL_AUDIENCE } from './tokens.js';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

try {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      audience: { type: 'string', default: LOCAL_AUDIENCE },
      'expires-in': { type: 'string', default: '3600' },
      'data-dir': { type: 'string' },
    },
  });
  const expiresInSeconds = Number(values['expires-in']);
  if (values.sub === undefined || values.sub === '')
    throw new Error('--sub is required, e.g. --sub alice');
  if (!Number.isInteger(expiresInSeconds)) throw new Error('--expires-in takes whole seconds');
  const dataDir = resolve(
    values['data-dir'] ?? process.env['TASKS_DATA_DIR'] ?? `${REPOSITORY_ROOT}.data`,
  );
  const key = await loadOrCreateSigningKey(resolve(dataDir, 'local-issuer'));
  console.log(
    await issueToken(key, { sub: values.sub, audience: values.audience, expiresInSeconds }),
  );
} catch (error) {
  console.error(`token: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

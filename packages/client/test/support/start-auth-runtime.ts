import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey, type SigningKey } from '@tasks/local-issuer';
import {
  issuerKeyDir,
  type LocalRuntime,
  type LocalRuntimeOptions,
  startLocalRuntime,
} from '@tasks/local-runtime';

/** A runtime with `TASKS_AUTH=jwt` and the local issuer: its key lives in `dataDir`. */
export interface AuthRuntime {
  readonly runtime: LocalRuntime;
  readonly key: SigningKey;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Starts the whole API locally with authentication on, quietly, on a free port. */
export const startAuthRuntime = async (options: LocalRuntimeOptions): Promise<AuthRuntime> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tasks-client-'));
  try {
    const runtime = await startLocalRuntime({
      host: '127.0.0.1',
      port: 0,
      logLevel: 'warn',
      auth: { mode: 'jwt' },
      dataDir,
      ...options,
    });
    const key = await loadOrCreateSigningKey(issuerKeyDir(dataDir));
    return {
      runtime,
      key,
      dataDir,
      stop: async () => {
        await runtime.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
};

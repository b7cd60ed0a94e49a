import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lambdaBuildOptions } from '@tasks/adapter-lambda/esbuild-options';
import { build } from 'esbuild';
import { type Bundle, describeBundle } from './bundles.js';

/** The peer's routes (packages/bench/peer/), named as our bundles are. */
export const PEER_ROUTES = ['create-task', 'get-task', 'list-tasks'] as const;
export type PeerRoute = (typeof PEER_ROUTES)[number];

const PEER_DIR = fileURLToPath(new URL('../peer/', import.meta.url));

/** The peer's handlers, bundled with exactly the deployed bundles' esbuild options. */
export const peerBundles = async (outdir: string): Promise<Map<PeerRoute, Bundle>> => {
  const bundles = new Map<PeerRoute, Bundle>();
  for (const route of PEER_ROUTES) {
    const dir = join(outdir, 'peer', route);
    await mkdir(dir, { recursive: true });
    await build(lambdaBuildOptions({ entry: join(PEER_DIR, `${route}.ts`), outdir: dir }));
    bundles.set(route, await describeBundle(`peer ${route}`, join(dir, 'index.mjs')));
  }
  return bundles;
};

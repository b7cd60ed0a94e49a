// @ts-check
/**
 * Writes openapi.json, the OpenAPI 3.1 document of the HTTP API, from src/openapi (which
 * builds it from infra/template.yaml's routes and the valibot schemas the handlers run on), formatted as Biome
 * formats JSON. test/handlers/openapi.test.ts fails when the committed file is stale.
 *
 *   npm run openapi -w @tasks/adapter-lambda
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { operationRoutes } from './template-routes.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const target = join(root, 'openapi.json');

// The sources (and the workspace's) as they are, without a prior build: bundled in one file.
const scratch = await mkdtemp(join(tmpdir(), 'tasks-openapi-'));
try {
  const outfile = join(scratch, 'openapi.mjs');
  await build({
    entryPoints: [join(root, 'src', 'openapi', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    conditions: ['source'],
    logLevel: 'warning',
  });
  const { openApiDocument } = await import(pathToFileURL(outfile).href);
  const text = `${JSON.stringify(openApiDocument(operationRoutes()), null, 2)}\n`;

  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  const formatted = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${target}`], {
    input: text,
    encoding: 'utf8',
    cwd: root,
  });
  if (formatted.status !== 0) throw new Error(`biome format failed:\n${formatted.stderr}`);
  await writeFile(target, formatted.stdout);
  console.log(`Wrote ${target.slice(root.length + 1)}`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}

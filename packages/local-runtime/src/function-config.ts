import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { resolveIntrinsics, type SamTemplate, type TemplateFunction } from '@tasks/sam-template';
import { BundlesMissingError, InvalidTemplateError } from './errors.js';

/** How Lambda runs one function of the template, and where its bundle is. */
export interface FunctionConfig {
  readonly functionId: string;
  /** The module `Handler` names in the `CodeUri` folder (`index.mjs`), absolute. */
  readonly bundleFile: string;
  /** The export `Handler` names (`handler`). */
  readonly exportName: string;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  /** `Environment.Variables` of the function and of `Globals`, intrinsics resolved. */
  readonly environment: Readonly<Record<string, string>>;
}

// Lambda's defaults when neither the function nor Globals set them.
const DEFAULT_TIMEOUT_S = 3;
const DEFAULT_MEMORY_MB = 128;
// The extensions the Node.js runtime tries for the module of a `Handler`.
const MODULE_EXTENSIONS = ['.mjs', '.js', '.cjs'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const recordAt = (value: unknown, ...keys: string[]): Record<string, unknown> => {
  let node = value;
  for (const key of keys) node = isRecord(node) ? node[key] : undefined;
  return isRecord(node) ? node : {};
};

/**
 * Every function of the template with its bundle, limits and environment. `tableName`
 * stands for the physical name of every DynamoDB table (what `!Ref TasksTable` yields
 * once deployed) that `tableNames` (by logical id) does not name; other resources are named `tasks-local-<LogicalId>`. Rejects with
 * {@link BundlesMissingError} naming every bundle that is not built.
 */
export const functionConfigs = (
  template: SamTemplate,
  templatePath: string,
  functions: readonly TemplateFunction[],
  {
    tableName,
    tableNames = {},
  }: { tableName: string; tableNames?: Readonly<Record<string, string>> },
): FunctionConfig[] => {
  const globals = recordAt(template.Globals, 'Function');
  const resources = Object.fromEntries(
    Object.entries(template.Resources).map(([id, resource]) => [
      id,
      resource.Type === 'AWS::DynamoDB::Table'
        ? (tableNames[id] ?? tableName)
        : `tasks-local-${id}`,
    ]),
  );
  const missing: string[] = [];
  const configs = functions.map(({ functionId, codeUri }) => {
    const properties = template.Resources[functionId]?.Properties ?? {};
    const setting = (key: string): unknown => properties[key] ?? globals[key];
    const handler = setting('Handler');
    const dot = typeof handler === 'string' ? handler.lastIndexOf('.') : -1;
    if (typeof handler !== 'string' || dot <= 0) {
      throw new InvalidTemplateError(`${functionId} has no Handler of the form file.export`);
    }
    const folder = resolve(dirname(templatePath), codeUri);
    const base = join(folder, handler.slice(0, dot));
    const bundleFile = MODULE_EXTENSIONS.map((extension) => `${base}${extension}`).find((file) =>
      existsSync(file),
    );
    if (bundleFile === undefined) missing.push(`${base}.mjs`);
    let environment: unknown;
    try {
      environment = resolveIntrinsics(
        {
          ...recordAt(globals, 'Environment', 'Variables'),
          ...recordAt(properties, 'Environment', 'Variables'),
        },
        template,
        { resources },
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InvalidTemplateError(`${functionId}'s environment: ${reason}`, { cause: error });
    }
    const timeout = setting('Timeout');
    const memory = setting('MemorySize');
    return {
      functionId,
      bundleFile: bundleFile ?? `${base}.mjs`,
      exportName: handler.slice(dot + 1),
      timeoutMs: (typeof timeout === 'number' ? timeout : DEFAULT_TIMEOUT_S) * 1000,
      memoryMb: typeof memory === 'number' ? memory : DEFAULT_MEMORY_MB,
      environment: Object.fromEntries(
        Object.entries(recordAt(environment)).map(([name, value]) => [name, String(value)]),
      ),
    };
  });
  if (missing.length > 0) throw new BundlesMissingError(missing);
  return configs;
};

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository's root, for paths the pipeline names relative to it. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const readText = (path: string): string => readFileSync(`${ROOT}${path}`, 'utf8');

export type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A member that must be an object (throws naming it otherwise): for reading YAML documents. */
export const recordAt = (value: unknown, key: string): Json => {
  const member = isRecord(value) ? value[key] : undefined;
  if (!isRecord(member)) throw new Error(`${key} is not an object`);
  return member;
};

/** A member that must be a list of objects. */
export const recordsAt = (value: unknown, key: string): Json[] => {
  const member = isRecord(value) ? value[key] : undefined;
  if (!Array.isArray(member) || !member.every(isRecord)) {
    throw new Error(`${key} is not a list of objects`);
  }
  return member;
};

/** Every source file of the workspace's packages (`packages/<name>/src/**`), from the root. */
export const sourceFiles = (): string[] =>
  readdirSync(`${ROOT}packages`)
    .filter((name) => existsSync(`${ROOT}packages/${name}/src`))
    .flatMap((name) =>
      readdirSync(`${ROOT}packages/${name}/src`, { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.[cm]?[jt]sx?$/.test(file))
        .map((file) => `packages/${name}/src/${file}`),
    );

/** Every workflow and local action of the repository, as paths from the root. */
export const WORKFLOWS = readdirSync(`${ROOT}.github/workflows`)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => `.github/workflows/${file}`);
export const ACTIONS = readdirSync(`${ROOT}.github/actions`).map(
  (name) => `.github/actions/${name}/action.yml`,
);

/** A workflow or action file, parsed. */
export const loadYaml = (path: string): Json => {
  const document: unknown = parse(readText(path));
  if (!isRecord(document)) throw new Error(`${path} is not a YAML mapping`);
  return document;
};

/** Every step of a workflow's jobs or of a composite action, with where it is. */
export const stepsOf = (path: string): { readonly where: string; readonly step: Json }[] => {
  const document = loadYaml(path);
  if (isRecord(document['runs'])) {
    return recordsAt(document['runs'], 'steps').map((step, index) => ({
      where: `${path} step ${index + 1}`,
      step,
    }));
  }
  return Object.entries(recordAt(document, 'jobs')).flatMap(([name, job]) =>
    recordsAt(job, 'steps').map((step, index) => ({
      where: `${path} job ${name} step ${index + 1}`,
      step,
    })),
  );
};

/** A GitHub Actions expression as a workflow writes it: `${{ inner }}`. */
export const expression = (inner: string): string => `\${{ ${inner} }}`;

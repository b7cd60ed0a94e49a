/**
 * A stand-in for the AWS CLI in the tests of scripts/deploy-web.sh. Each call is appended
 * to FAKE_AWS_LOG as one JSON line (its arguments, and what it read on standard input for
 * `s3 cp -`); describe-stacks and the two S3 listings answer from FAKE_AWS_STATE as the
 * CLI's text output does (tab-separated columns, `None` for an empty result). Run by the
 * test's Node (`process.execPath`), which strips the types.
 */
import { appendFileSync, readFileSync } from 'node:fs';

interface FakeAwsState {
  readonly outputs: Readonly<Record<string, string>>;
  /** LastModified of each version of index.html, as S3 lists them after the upload. */
  readonly indexVersions: readonly string[];
  /** Each object under assets/ with its LastModified, after the upload. */
  readonly assets: readonly (readonly [string, string])[];
}

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`fake aws: ${name} is not set`);
  return value;
};

const args = process.argv.slice(2);
const [service, command, source] = args;
const stdin = service === 's3' && command === 'cp' && source === '-' ? readFileSync(0, 'utf8') : '';
appendFileSync(env('FAKE_AWS_LOG'), `${JSON.stringify({ args, stdin })}\n`);
const isState = (value: unknown): value is FakeAwsState =>
  typeof value === 'object' &&
  value !== null &&
  'outputs' in value &&
  'indexVersions' in value &&
  Array.isArray(value.indexVersions) &&
  'assets' in value &&
  Array.isArray(value.assets);
const parsed: unknown = JSON.parse(readFileSync(env('FAKE_AWS_STATE'), 'utf8'));
if (!isState(parsed)) throw new Error('fake aws: FAKE_AWS_STATE is not a state');
const state = parsed;

const print = (lines: readonly string[]) =>
  process.stdout.write(`${lines.length === 0 ? 'None' : lines.join('\n')}\n`);

switch (`${service} ${command}`) {
  case 'cloudformation describe-stacks':
    print(Object.entries(state.outputs).map(([key, value]) => `${key}\t${value}`));
    break;
  case 's3api list-object-versions':
    print(state.indexVersions.length === 0 ? [] : [state.indexVersions.join('\t')]);
    break;
  case 's3api list-objects-v2':
    print(state.assets.map(([key, modified]) => `${key}\t${modified}`));
    break;
  case 's3 cp':
  case 's3 rm':
    break;
  default:
    process.stderr.write(`fake aws: no answer for aws ${args.join(' ')}\n`);
    process.exit(1);
}

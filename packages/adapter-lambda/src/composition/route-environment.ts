/**
 * What the function of a task route reads of its environment. Kept apart from
 * `./environment.js`, which the fallback reads too: the fallback names no table, and its
 * bundle holds nothing of DynamoDB's (its metafile test).
 */
import { isTableName, TABLE_NAME_RULE } from '@tasks/adapter-dynamodb';
import * as v from 'valibot';
import { CommonEnvironment } from './environment.js';

/**
 * A DynamoDB table's name, by DynamoDB's rule: a wrong one fails the cold start in these
 * words instead of every call with the SDK's `ValidationException`.
 */
export const TableNameSchema = v.pipe(
  v.string(),
  v.check(isTableName, `must be a DynamoDB table name: ${TABLE_NAME_RULE}`),
);

/**
 * The environment of a route's function (set by infra/template.yaml) and of the local
 * runtime, which runs the same bundles. Read once per container, at start-up.
 */
export const EnvironmentSchema = v.object({
  ...CommonEnvironment,
  /** The DynamoDB table. */
  TABLE_NAME: TableNameSchema,
  /** Set by Lambda; for a local endpoint, defaults to us-east-1. */
  AWS_REGION: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty')), 'us-east-1'),
  /** A DynamoDB that is not AWS's (DynamoDB Local), for the local runtime. */
  DYNAMODB_ENDPOINT: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
  /** `jwt`: the owner is the verified token's `sub`; `none`: one fixed owner, for dev and local use. */
  AUTH_MODE: v.optional(v.picklist(['jwt', 'none']), 'jwt'),
  /** The owner of every task when `AUTH_MODE` is `none`. */
  FIXED_OWNER: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty')), 'local'),
  /** Set by Lambda (and the local runtime): the business metrics' dimension; none without. */
  AWS_LAMBDA_FUNCTION_NAME: v.optional(v.string()),
});
export type Environment = v.InferOutput<typeof EnvironmentSchema>;

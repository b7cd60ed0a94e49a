// Not a suite of its own (no `.test.ts`): turbo-env.test.ts runs it under Turborepo.
import { expect, inject, it } from 'vitest';

it('is given the DynamoDB that DYNAMODB_ENDPOINT names', () => {
  expect(inject('dynamodbEndpoint')).toBe(process.env['DYNAMODB_ENDPOINT']);
});

// One DynamoDB Local for the whole run: DYNAMODB_ENDPOINT, Testcontainers, or the pinned jar.
export { default } from '@tasks/dynamodb-local/vitest';

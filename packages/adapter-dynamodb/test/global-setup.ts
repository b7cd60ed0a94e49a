import type { TestProject } from 'vitest/node';

// Temporary: until the launcher lands, the endpoint comes from DYNAMODB_ENDPOINT.
export default function setup(project: TestProject) {
  const endpoint = process.env['DYNAMODB_ENDPOINT'];
  if (endpoint === undefined) throw new Error('DYNAMODB_ENDPOINT is not set');
  project.provide('dynamodbEndpoint', endpoint);
}

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbClient, type DynamoDbClientOptions } from './clients.js';

/*
 * A module of its own: lib-dynamodb declares no `sideEffects: false`, so a bundle that
 * imports this module keeps all of it. Only the statistics stores read through the
 * document client; the task repository marshals its items itself.
 */

/** The document client the statistics stores expect, over `client` (absent attributes are omitted). */
export const documentClientFor = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

/** `documentClientFor(createDynamoDbClient(options))`: what a composition root builds once. */
export const createDocumentClient = (options: DynamoDbClientOptions = {}): DynamoDBDocumentClient =>
  documentClientFor(createDynamoDbClient(options));

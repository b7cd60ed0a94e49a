import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClient } from './dynamodb.js';

/** One command a client sent: its name, its input, and the output DynamoDB returned. */
export interface SentCommand {
  readonly name: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly output?: Readonly<Record<string, unknown>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * A DynamoDB Local client that records every command it sends, with its input and output.
 * DynamoDB Local answers every read as if it were strongly consistent and reports what it
 * read, so what the adapter asks for (`ConsistentRead`, the index, the key condition) and
 * what DynamoDB says it read (`ScannedCount`) are only seen in the commands themselves.
 * Recorded first of all, before the Scan refusal of {@link localClient} and above the
 * document client's marshalling: inputs and outputs are plain values.
 */
export const recordingClient = (): { client: DynamoDBClient; sent: SentCommand[] } => {
  const sent: SentCommand[] = [];
  const client = localClient();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command: SentCommand = {
        name: context.commandName ?? 'unknown',
        input: isRecord(args.input) ? { ...args.input } : {},
      };
      sent.push(command);
      const result = await next(args);
      if (isRecord(result.output))
        sent[sent.indexOf(command)] = { ...command, output: { ...result.output } };
      return result;
    },
    { step: 'initialize', name: 'recordSentCommands', priority: 'high' },
  );
  return { client, sent };
};

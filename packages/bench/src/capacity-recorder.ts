import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const unitsOf = (consumed: unknown): number => {
  if (Array.isArray(consumed))
    return consumed.reduce((sum: number, entry) => sum + unitsOf(entry), 0);
  if (typeof consumed !== 'object' || consumed === null) return 0;
  const units: unknown = Reflect.get(consumed, 'CapacityUnits');
  return typeof units === 'number' ? units : 0;
};

/**
 * Asks DynamoDB for the capacity of every call the client sends (`ReturnConsumedCapacity:
 * TOTAL`: the table and its indexes together) and adds it up, without the repository
 * knowing: what is measured is exactly what the adapter sends.
 */
export const recordCapacity = (client: DynamoDBClient) => {
  let total = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      Reflect.set(args.input, 'ReturnConsumedCapacity', 'TOTAL');
      const result = await next(args);
      total += unitsOf(Reflect.get(result.output, 'ConsumedCapacity'));
      return result;
    },
    { step: 'initialize', name: 'recordCapacity' },
  );
  return {
    /** Capacity units consumed by `run` alone. */
    async measure(run: () => Promise<unknown>): Promise<number> {
      const before = total;
      await run();
      return total - before;
    },
  };
};

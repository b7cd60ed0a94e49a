/**
 * AWS list prices for us-east-1 used to turn measured figures into a cost, as published on
 * the services' pricing pages (aws.amazon.com/dynamodb/pricing/on-demand,
 * aws.amazon.com/lambda/pricing, aws.amazon.com/api-gateway/pricing) when they were
 * recorded here, on 2026-11-30: DynamoDB on-demand since its November 2024 reduction,
 * Lambda on arm64, HTTP API for the first 300 million requests a month. Check them before
 * relying on the totals.
 */
export const PRICES = {
  recordedOn: '2026-11-30',
  region: 'us-east-1',
  dynamodbWriteRequestUnitPerMillion: 0.625,
  dynamodbReadRequestUnitPerMillion: 0.125,
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequestsPerMillion: 0.2,
  httpApiRequestsPerMillion: 1.0,
} as const;

/** The deployed functions' memory (infra/template.yaml, Globals.Function.MemorySize). */
export const FUNCTION_MEMORY_GB = 512 / 1024;

export interface CallCost {
  readonly dynamodb: number;
  readonly lambda: number;
  readonly httpApi: number;
  readonly total: number;
}

/**
 * The cost of one million API calls of one kind: its request units, its Lambda time
 * (billed per millisecond, rounded up) and the HTTP API request.
 */
export const costPerMillionCalls = ({
  readUnits = 0,
  writeUnits = 0,
  lambdaMilliseconds,
}: {
  readUnits?: number;
  writeUnits?: number;
  lambdaMilliseconds: number;
}): CallCost => {
  const dynamodb =
    readUnits * PRICES.dynamodbReadRequestUnitPerMillion +
    writeUnits * PRICES.dynamodbWriteRequestUnitPerMillion;
  const lambda =
    PRICES.lambdaRequestsPerMillion +
    (Math.ceil(lambdaMilliseconds) / 1000) *
      FUNCTION_MEMORY_GB *
      PRICES.lambdaArmGbSecond *
      1_000_000;
  const httpApi = PRICES.httpApiRequestsPerMillion;
  return { dynamodb, lambda, httpApi, total: dynamodb + lambda + httpApi };
};

import type { SamTemplate } from '@tasks/sam-template';
import { InvalidTemplateError } from '../errors.js';

/**
 * A function's DynamoDB stream event source mapping, as the template sets it, with
 * Lambda's defaults where it does not (Lambda developer guide, "Lambda parameters for
 * Amazon DynamoDB event source mappings").
 */
export interface StreamMapping {
  readonly functionId: string;
  /** The logical id of the table whose stream it reads (`!GetAtt <table>.StreamArn`). */
  readonly tableId: string;
  readonly batchSize: number;
  /**
   * How long records are gathered before the function is invoked with fewer than
   * `batchSize` (`MaximumBatchingWindowInSeconds`, in ms; 0 by default for streams).
   */
  readonly batchingWindowMs: number;
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** -1: retry until the record expires (Lambda's default). */
  readonly maximumRetryAttempts: number;
  /** -1: no limit (Lambda's default). */
  readonly maximumRecordAgeSeconds: number;
  readonly bisectOnError: boolean;
  readonly reportBatchItemFailures: boolean;
  /** Parsed `FilterCriteria.Filters[].Pattern`: alternatives. */
  readonly filters: readonly unknown[];
  /** The logical id of the on-failure destination (an SQS queue), when there is one. */
  readonly onFailure?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' ? value : fallback;

const getAttOf = (value: unknown, attribute: string): string | undefined => {
  const getAtt = isRecord(value) ? value['Fn::GetAtt'] : undefined;
  if (Array.isArray(getAtt) && getAtt[1] === attribute && typeof getAtt[0] === 'string') {
    return getAtt[0];
  }
  if (typeof getAtt === 'string' && getAtt.endsWith(`.${attribute}`)) {
    return getAtt.slice(0, -attribute.length - 1);
  }
  return undefined;
};

/** Every `Type: DynamoDB` event of the template's functions, as Lambda would run it. */
export const streamMappings = (template: SamTemplate): StreamMapping[] =>
  Object.entries(template.Resources).flatMap(([functionId, resource]) => {
    if (resource.Type !== 'AWS::Serverless::Function') return [];
    const events = resource.Properties?.['Events'];
    return Object.values(isRecord(events) ? events : {}).flatMap((event): StreamMapping[] => {
      if (!isRecord(event) || event['Type'] !== 'DynamoDB' || !isRecord(event['Properties'])) {
        return [];
      }
      const properties = event['Properties'];
      const tableId = getAttOf(properties['Stream'], 'StreamArn');
      if (tableId === undefined) {
        throw new InvalidTemplateError(`${functionId}'s stream must be !GetAtt <table>.StreamArn`);
      }
      const position = properties['StartingPosition'];
      if (position !== 'TRIM_HORIZON' && position !== 'LATEST') {
        throw new InvalidTemplateError(
          `${functionId}'s StartingPosition must be TRIM_HORIZON or LATEST`,
        );
      }
      const criteria = properties['FilterCriteria'];
      const filters = (
        isRecord(criteria) && Array.isArray(criteria['Filters']) ? criteria['Filters'] : []
      ).map((filter: unknown) => {
        const pattern = isRecord(filter) ? filter['Pattern'] : undefined;
        if (typeof pattern !== 'string')
          throw new InvalidTemplateError(`${functionId} has a filter without a Pattern`);
        return JSON.parse(pattern);
      });
      const destination = properties['DestinationConfig'];
      const onFailure =
        isRecord(destination) && isRecord(destination['OnFailure'])
          ? getAttOf(destination['OnFailure']['Destination'], 'Arn')
          : undefined;
      const responseTypes = properties['FunctionResponseTypes'];
      return [
        {
          functionId,
          tableId,
          batchSize: numberOr(properties['BatchSize'], 100),
          batchingWindowMs: numberOr(properties['MaximumBatchingWindowInSeconds'], 0) * 1000,
          startingPosition: position,
          maximumRetryAttempts: numberOr(properties['MaximumRetryAttempts'], -1),
          maximumRecordAgeSeconds: numberOr(properties['MaximumRecordAgeInSeconds'], -1),
          bisectOnError: properties['BisectBatchOnFunctionError'] === true,
          reportBatchItemFailures:
            Array.isArray(responseTypes) && responseTypes.includes('ReportBatchItemFailures'),
          filters,
          ...(onFailure === undefined ? {} : { onFailure }),
        },
      ];
    });
  });

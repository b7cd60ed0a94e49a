import { isRecord, type SamTemplate } from './load-template.js';

/** One HTTP API route of the template, and the function that serves it. */
export interface TemplateRoute {
  readonly functionId: string;
  /** `GET`, `POST`, …, or `ANY`. */
  readonly method: string;
  /** As API Gateway writes it: `/tasks/{taskId}`, or `$default`. */
  readonly path: string;
  /**
   * The event's `Auth.Authorizer`, when it names one: `NONE` takes the route out of the
   * API's `DefaultAuthorizer`. Absent, the route has the default.
   */
  readonly authorizer?: string;
}

/** A function of the template: its code folder and what its policy allows. */
export interface TemplateFunction {
  readonly functionId: string;
  /** The folder of the function's bundle, relative to the template. */
  readonly codeUri: string;
  /** Every IAM action its inline policies allow (`dynamodb:GetItem`, …). */
  readonly actions: readonly string[];
  readonly routes: readonly TemplateRoute[];
}

const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((item) => typeof item === 'string')
      : [];

const policyActions = (policies: unknown): string[] =>
  (Array.isArray(policies) ? policies : [policies]).flatMap((policy) => {
    if (!isRecord(policy)) return [];
    const statements = policy['Statement'];
    return (Array.isArray(statements) ? statements : [statements]).flatMap((statement) =>
      isRecord(statement) && statement['Effect'] === 'Allow' ? strings(statement['Action']) : [],
    );
  });

const routesOf = (functionId: string, events: unknown): TemplateRoute[] =>
  Object.values(isRecord(events) ? events : {}).flatMap((event) => {
    if (!isRecord(event) || event['Type'] !== 'HttpApi' || !isRecord(event['Properties']))
      return [];
    const { Method, Path, Auth } = event['Properties'];
    if (typeof Method !== 'string' || typeof Path !== 'string') return [];
    const authorizer = isRecord(Auth) ? Auth['Authorizer'] : undefined;
    return [
      {
        functionId,
        method: Method.toUpperCase(),
        path: Path,
        ...(typeof authorizer === 'string' ? { authorizer } : {}),
      },
    ];
  });

/** Every `AWS::Serverless::Function` of the template, with its routes and allowed actions. */
export const templateFunctions = (template: SamTemplate): TemplateFunction[] =>
  Object.entries(template.Resources).flatMap(([functionId, resource]) => {
    if (resource.Type !== 'AWS::Serverless::Function') return [];
    const properties = resource.Properties ?? {};
    const codeUri = properties['CodeUri'];
    if (typeof codeUri !== 'string') throw new Error(`${functionId} has no CodeUri folder`);
    return [
      {
        functionId,
        codeUri,
        actions: [...new Set(policyActions(properties['Policies']))].sort(),
        routes: routesOf(functionId, properties['Events']),
      },
    ];
  });

/** Every HTTP API route of the template. */
export const templateRoutes = (template: SamTemplate): TemplateRoute[] =>
  templateFunctions(template).flatMap((fn) => fn.routes);

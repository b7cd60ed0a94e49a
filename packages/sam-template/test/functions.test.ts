import { describe, expect, it } from 'vitest';
import { loadTemplate, parseTemplate, templateFunctions, templateRoutes } from '../src/index.js';

describe('templateFunctions', () => {
  it('reads each function of infra/template.yaml with its code folder, routes and actions', () => {
    const functions = templateFunctions(loadTemplate());
    expect(functions.find((fn) => fn.functionId === 'GetTaskFunction')).toEqual({
      functionId: 'GetTaskFunction',
      codeUri: '../packages/adapter-lambda/dist/functions/get-task/',
      actions: ['dynamodb:GetItem'],
      routes: [{ functionId: 'GetTaskFunction', method: 'GET', path: '/tasks/{taskId}' }],
    });
  });

  it('reads routes of every event, with an authorizer they name, and actions of every Allow statement', () => {
    const template = parseTemplate(`
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: f/
      Policies:
        - Statement:
            - { Effect: Allow, Action: [dynamodb:Query, dynamodb:GetItem] }
            - { Effect: Deny, Action: dynamodb:Scan }
        - Statement: { Effect: Allow, Action: dynamodb:Query }
      Events:
        A: { Type: HttpApi, Properties: { Path: /a, Method: get } }
        B: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
        C: { Type: HttpApi, Properties: { Path: /a, Method: OPTIONS, Auth: { Authorizer: NONE } } }
`);
    expect(templateFunctions(template)).toEqual([
      {
        functionId: 'F',
        codeUri: 'f/',
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        routes: [
          { functionId: 'F', method: 'GET', path: '/a' },
          { functionId: 'F', method: 'OPTIONS', path: '/a', authorizer: 'NONE' },
        ],
      },
    ]);
    expect(templateRoutes(template)).toEqual([
      { functionId: 'F', method: 'GET', path: '/a' },
      { functionId: 'F', method: 'OPTIONS', path: '/a', authorizer: 'NONE' },
    ]);
  });
});

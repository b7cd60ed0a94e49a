import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useTempDirs } from './temp-dir.js';

/** A template with one function and a table, settings in Globals and in the function. */
const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Handler: index.handler
    Timeout: 7
    MemorySize: 256
    Environment:
      Variables:
        TABLE_NAME: !Ref Table
        GREETING: hello
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  EchoFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: dist/functions/echo/
      MemorySize: 1024
      Environment:
        Variables:
          GREETING: bonjour
      Events:
        Api:
          Type: HttpApi
          Properties: { Path: /echo, Method: GET }
`;

/** A bundle that records the environment it was imported with, and counts its own invocations. */
export const ECHO_BUNDLE = `
const seen = Object.fromEntries(
  ['TABLE_NAME', 'GREETING', 'TASKS_STORE', 'AUTH_MODE', 'FIXED_OWNER', 'LOG_LEVEL',
   'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE'].map((name) => [name, process.env[name]]),
);
let invocations = 0;
export const handler = async (event, context) => ({
  statusCode: 200,
  body: JSON.stringify({ seen, invocations: ++invocations, remaining: context.getRemainingTimeInMillis() }),
});
`;

/**
 * Makes projects of their own in temporary folders: a template with one function whose
 * bundle is `bundle` (none when `undefined`); resolves the template's path.
 */
export const useEchoProjects = (): ((bundle: string | undefined) => Promise<string>) => {
  const tempDir = useTempDirs();
  return async (bundle: string | undefined): Promise<string> => {
    const dir = await tempDir();
    await writeFile(join(dir, 'template.yaml'), TEMPLATE);
    if (bundle !== undefined) {
      await mkdir(join(dir, 'dist/functions/echo'), { recursive: true });
      await writeFile(join(dir, 'dist/functions/echo/index.mjs'), bundle);
    }
    return join(dir, 'template.yaml');
  };
};

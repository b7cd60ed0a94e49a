import AjvDraft04, { type ErrorObject } from 'ajv-draft-04';

// A CommonJS module: under Node's ESM its class is the `default` of the default import.
const Ajv = AjvDraft04.default;

import { describe, expect, it } from 'vitest';
import { loadSamSchema, loadTemplate, parseTemplate } from '../src/index.js';

const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
// The schema's own annotation keywords, declared so that strict mode stays on.
ajv.addVocabulary(['markdownDescription', '__samPassThrough']);
const validate = ajv.compile(loadSamSchema());

const isIntrinsic = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  Object.keys(value).length === 1 &&
  Object.keys(value).every((key) => key === 'Ref' || key.startsWith('Fn::'));

/**
 * The errors that matter. The schema types a few SAM-native properties as plain strings
 * although the SAM transform accepts intrinsics there (HttpApi `Description`): a type
 * error on an intrinsic value is not one. `anyOf` wrappers only repeat their branches.
 */
const realErrors = (errors: readonly ErrorObject[] | null | undefined) =>
  (errors ?? [])
    .filter((error) => !(error.keyword === 'type' && isIntrinsic(error.data)))
    .filter((error) => !['anyOf', 'oneOf', 'if'].includes(error.keyword))
    .map((error) => `${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`);

describe('infra/template.yaml', () => {
  it('validates against the SAM schema', () => {
    validate(loadTemplate());
    expect(realErrors(validate.errors)).toEqual([]);
  });

  it('and the check is real: a misspelt property fails it', () => {
    const broken = parseTemplate(
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtme: nodejs24.x\n      Handler: index.handler\n      CodeUri: .\n',
    );
    validate(broken);
    expect(realErrors(validate.errors).join('\n')).toMatch(/Runtme/);
  });
});

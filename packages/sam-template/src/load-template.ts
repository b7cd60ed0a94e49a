import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument, type Tags } from 'yaml';

/** `infra/template.yaml` of this repository: the single description of the deployed system. */
export const TEMPLATE_PATH = fileURLToPath(
  new URL('../../../infra/template.yaml', import.meta.url),
);

/** A parsed template: short-form tags (`!Ref`, `!If`, …) become their long forms. */
export interface SamTemplate {
  /** The transforms' names, one or a list (run in order). */
  readonly Transform?: string | readonly string[];
  readonly Parameters?: Record<
    string,
    { readonly Default?: unknown; readonly AllowedValues?: unknown[] }
  >;
  /** Checked on the parameters before any resource is touched (`RuleCondition`, `Assertions`). */
  readonly Rules?: Record<string, unknown>;
  readonly Conditions?: Record<string, unknown>;
  readonly Globals?: Record<string, unknown>;
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, unknown>;
}

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly Condition?: string;
  /** `Delete`, `Retain`, …, or an `Fn::If` of them (AWS::LanguageExtensions). */
  readonly DeletionPolicy?: unknown;
  readonly UpdateReplacePolicy?: unknown;
}

const INTRINSICS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  Join: 'Fn::Join',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
};

// `!GetAtt Table.Arn` is the scalar form of `Fn::GetAtt: [Table, Arn]`.
const splitGetAtt = (value: string): unknown => {
  const dot = value.indexOf('.');
  return dot < 0 ? value : [value.slice(0, dot), value.slice(dot + 1)];
};

/** The CloudFormation short-form tags, for the `yaml` package. */
export const cloudFormationTags: Tags = Object.entries(INTRINSICS).flatMap(([tag, name]) => [
  {
    tag: `!${tag}`,
    resolve: (value: string) => ({ [name]: tag === 'GetAtt' ? splitGetAtt(value) : value }),
  },
  {
    tag: `!${tag}`,
    collection: 'seq' as const,
    resolve: (node: { toJSON(): unknown }) => ({ [name]: node.toJSON() }),
  },
  {
    tag: `!${tag}`,
    collection: 'map' as const,
    resolve: (node: { toJSON(): unknown }) => ({ [name]: node.toJSON() }),
  },
]);

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isSamTemplate = (value: unknown): value is SamTemplate =>
  isRecord(value) &&
  isRecord(value['Resources']) &&
  Object.values(value['Resources']).every(
    (resource) => isRecord(resource) && typeof resource['Type'] === 'string',
  );

/** Parses a SAM template's YAML text; throws with the YAML error when it does not parse. */
export const parseTemplate = (text: string): SamTemplate => {
  const document = parseDocument(text, { customTags: cloudFormationTags });
  if (document.errors.length > 0) {
    throw new Error(`template is not valid YAML: ${document.errors.map(String).join('; ')}`);
  }
  const template: unknown = document.toJS({ maxAliasCount: -1 });
  if (!isSamTemplate(template)) {
    throw new Error('template has no Resources section, or a resource without a Type');
  }
  return template;
};

/** Reads and parses `infra/template.yaml` (or another template). */
export const loadTemplate = (path: string = TEMPLATE_PATH): SamTemplate =>
  parseTemplate(readFileSync(path, 'utf8'));

import { isRecord, type SamTemplate } from './load-template.js';

/** What intrinsic functions are resolved against. */
export interface IntrinsicContext {
  /** Template parameters (defaults fill the rest) and pseudo parameters such as `AWS::Region`. */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * What `!Ref LogicalId` of a resource stands for (its physical name), and what
   * `!GetAtt LogicalId.Attribute` does, under the key `LogicalId.Attribute`.
   */
  readonly resources?: Readonly<Record<string, string>>;
}

const NO_VALUE = Symbol('AWS::NoValue');
const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '000000000000',
  'AWS::Partition': 'aws',
  'AWS::StackName': 'tasks',
  'AWS::URLSuffix': 'amazonaws.com',
};

/**
 * Resolves the intrinsic functions a template uses (`Ref`, `Fn::GetAtt`, `Fn::If`,
 * `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`, `Fn::Sub` with `${Name}` and
 * its variables, `Fn::Join`)
 * the way CloudFormation would for the given parameters. Anything else throws, naming
 * the function, so the template and its readers never silently disagree.
 */
export const resolveIntrinsics = (
  value: unknown,
  template: SamTemplate,
  context: IntrinsicContext = {},
): unknown => {
  const parameters: Record<string, string> = { ...PSEUDO_PARAMETERS };
  for (const [name, definition] of Object.entries(template.Parameters ?? {})) {
    if (typeof definition.Default === 'string') parameters[name] = definition.Default;
  }
  Object.assign(parameters, context.parameters);
  const refs = { ...parameters, ...context.resources };

  const lookup = (name: string): string => {
    const found = refs[name];
    if (found === undefined) throw new Error(`cannot resolve a reference to ${name}`);
    return found;
  };
  const condition = (name: string): boolean => {
    const definition = template.Conditions?.[name];
    if (definition === undefined) throw new Error(`no condition named ${name}`);
    return truth(resolve(definition));
  };
  const truth = (resolved: unknown): boolean => {
    if (typeof resolved !== 'boolean')
      throw new Error(`a condition resolved to ${JSON.stringify(resolved)}`);
    return resolved;
  };
  const list = (argument: unknown, name: string): unknown[] => {
    if (!Array.isArray(argument)) throw new Error(`${name} takes a list`);
    return argument;
  };

  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve).filter((item) => item !== NO_VALUE);
    if (!isRecord(node)) return node;
    const keys = Object.keys(node);
    const [only] = keys;
    if (
      keys.length === 1 &&
      only !== undefined &&
      (only === 'Ref' || only === 'Condition' || only.startsWith('Fn::'))
    ) {
      const argument = node[only];
      switch (only) {
        case 'Ref':
          return argument === 'AWS::NoValue' ? NO_VALUE : lookup(String(argument));
        case 'Condition':
          return condition(String(argument));
        case 'Fn::If': {
          const [name, whenTrue, whenFalse] = list(argument, only);
          return resolve(condition(String(name)) ? whenTrue : whenFalse);
        }
        case 'Fn::Equals': {
          const [left, right] = list(argument, only).map(resolve);
          return left === right;
        }
        case 'Fn::Not':
          return !truth(resolve(list(argument, only)[0]));
        case 'Fn::And':
          return list(argument, only).every((item) => truth(resolve(item)));
        case 'Fn::Or':
          return list(argument, only).some((item) => truth(resolve(item)));
        case 'Fn::GetAtt': {
          const [id, attribute] = list(argument, only).map(String);
          const found = refs[`${id}.${attribute}`];
          if (found === undefined) throw new Error(`cannot resolve Fn::GetAtt ${id}.${attribute}`);
          return found;
        }
        case 'Fn::Sub': {
          const [text, variables = {}] = Array.isArray(argument) ? argument : [argument];
          const values = resolve(variables);
          if (typeof text !== 'string' || !isRecord(values))
            throw new Error('Fn::Sub takes a string, or a string and a map of variables');
          return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
            const value = values[name];
            return value === undefined ? lookup(name) : String(value);
          });
        }
        case 'Fn::Join': {
          const [separator, items] = list(argument, only);
          return list(resolve(items), only).join(String(separator));
        }
        default:
          throw new Error(`${only} is not supported by this reader`);
      }
    }
    const entries = Object.entries(node)
      .map(([key, item]) => [key, resolve(item)] as const)
      .filter(([, item]) => item !== NO_VALUE);
    return Object.fromEntries(entries);
  };

  return resolve(value);
};

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/** One request and the response it got, as a client saw them on the wire. */
export interface Exchange {
  readonly method: string;
  /** The path as sent, without the query. */
  readonly path: string;
  /** Request headers by lower-case name. */
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

type Node = unknown;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const member = (node: Node, key: string): Node => (isRecord(node) ? node[key] : undefined);
const keysOf = (node: Node): string[] => (isRecord(node) ? Object.keys(node) : []);

/** The committed openapi.json of @tasks/adapter-lambda: the document clients are given. */
export const OPENAPI_DOCUMENT: Node = JSON.parse(
  readFileSync(
    createRequire(import.meta.url).resolve('@tasks/adapter-lambda/openapi.json'),
    'utf8',
  ),
);

const COMPONENTS = '#/components/';
const SCHEMAS = `${COMPONENTS}schemas/`;

/** `node`, or what its `$ref` (`#/components/…`) names. */
const deref = (document: Node, node: Node): Node => {
  const ref = member(node, '$ref');
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  return ref
    .slice(2)
    .split('/')
    .reduce<Node>(
      (at, token) => member(at, token.replaceAll('~1', '/').replaceAll('~0', '~')),
      document,
    );
};

// A schema compiled on its own finds the component schemas it names under `$defs`.
const toDefs = (node: Node): Node => {
  if (Array.isArray(node)) return node.map(toDefs);
  if (!isRecord(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMAS)
        ? `#/$defs/${value.slice(SCHEMAS.length)}`
        : toDefs(value),
    ]),
  );
};

/** The path template of `document.paths` that `path` fits: literal segments before `{name}`. */
const pathTemplateOf = (document: Node, path: string): string | undefined => {
  const segments = path.split('/');
  const fits = (template: string) => {
    const parts = template.split('/');
    return (
      parts.length === segments.length &&
      parts.every((part, index) => {
        const segment = segments[index] ?? '';
        return /^\{[^}]+\}$/.test(part) ? segment !== '' : part === segment;
      })
    );
  };
  const literals = (template: string) =>
    template.split('/').filter((part) => !part.startsWith('{'));
  return keysOf(member(document, 'paths'))
    .filter(fits)
    .sort((left, right) => literals(right).length - literals(left).length)[0];
};

const essenceOf = (contentType: string | null | undefined): string =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * Checks exchanges against an OpenAPI 3.1 document, with Ajv's JSON Schema 2020-12 (the
 * dialect of OpenAPI 3.1 schemas) in strict mode: the response's status is one the
 * operation documents (an unknown path's, `x-unknown-paths`), its `Content-Type` is
 * documented for that status and its body fits the schema (or it has no body when none is
 * documented), every required header is present and every documented header fits its
 * schema, and a request that succeeded sent a `Content-Type` the operation documents.
 */
export const exchangeChecker = (document: Node = OPENAPI_DOCUMENT) => {
  const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: true });
  const defs = toDefs(member(member(document, 'components'), 'schemas'));
  const compiled = new Map<string, ValidateFunction>();
  const errorsOf = (schema: Node, value: unknown): string[] => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (validate === undefined) {
      const root = toDefs(schema);
      validate = ajv.compile({ ...(isRecord(root) ? root : {}), $defs: defs });
      compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
  };

  return (exchange: Exchange): string[] => {
    const problems: string[] = [];
    const template = pathTemplateOf(document, exchange.path);
    const method = exchange.method.toLowerCase();
    const operation =
      template === undefined
        ? member(document, 'x-unknown-paths')
        : member(member(member(document, 'paths'), template), method);
    const where = `${exchange.method} ${template ?? `${exchange.path} (x-unknown-paths)`}`;
    if (operation === undefined) return [`${where}: the operation is not documented`];
    const responses = member(operation, 'responses');
    const response = deref(document, member(responses, String(exchange.status)));
    if (response === undefined) {
      return [`${where}: status ${exchange.status} is not documented (${keysOf(responses)})`];
    }
    const content = member(response, 'content');
    if (content === undefined) {
      if (exchange.text !== '')
        problems.push(`${exchange.status}: a body where none is documented`);
    } else if (method !== 'head') {
      const essence = essenceOf(exchange.headers.get('content-type'));
      const schema = member(member(content, essence), 'schema');
      if (schema === undefined) {
        problems.push(`${exchange.status}: Content-Type ${essence} is not documented`);
      } else {
        let body: unknown;
        try {
          body = JSON.parse(exchange.text);
        } catch {
          problems.push(`${exchange.status}: the body is not JSON: ${exchange.text.slice(0, 80)}`);
        }
        if (body !== undefined) problems.push(...errorsOf(schema, body).map((e) => `body ${e}`));
      }
    }
    const headers = member(response, 'headers');
    for (const name of keysOf(headers)) {
      const definition = deref(document, member(headers, name));
      const value = exchange.headers.get(name);
      if (value === null) {
        if (member(definition, 'required') === true) problems.push(`header ${name} is missing`);
        continue;
      }
      problems.push(...errorsOf(member(definition, 'schema'), value).map((e) => `${name} ${e}`));
    }
    const sent = exchange.requestHeaders['content-type'];
    const media = keysOf(member(deref(document, member(operation, 'requestBody')), 'content'));
    if (exchange.status < 300 && sent !== undefined && media.length > 0) {
      if (!media.includes(essenceOf(sent))) {
        problems.push(`request Content-Type ${essenceOf(sent)} is not documented (${media})`);
      }
    }
    return problems.map((problem) => `${where} → ${exchange.status}: ${problem}`);
  };
};

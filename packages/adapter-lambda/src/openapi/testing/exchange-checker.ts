import { deref, keysOf, member, type Node, schemaCompiler } from './document-nodes.js';

/** One request and the response it got, as a client (or a handler's caller) saw them. */
export interface Exchange {
  readonly method: string;
  /** The path as sent, without the query. */
  readonly path: string;
  /** Request headers by lower-case name. */
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly status: number;
  /** A response header by name, in any case; `undefined` when it is absent. */
  header(name: string): string | undefined;
  /** The response body as sent; `''` when there is none. */
  readonly text: string;
}

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

const essenceOf = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * Checks exchanges against an OpenAPI 3.1 document, with Ajv's JSON Schema 2020-12 (the
 * dialect of OpenAPI 3.1 schemas) in strict mode, and returns what differs (nothing when
 * the exchange is as documented): the status must be one the operation documents (a path
 * not in `paths` has the responses of `x-unknown-paths`); the `Content-Type` one that
 * status documents, with a body that fits its schema (no body when none is documented, and
 * none to HEAD); every required header present and every documented header fitting its
 * schema, and no header of `components.headers` sent where the response does not list it;
 * and a request that succeeded must have sent a `Content-Type` the operation documents.
 */
export const exchangeChecker = (document: Node) => {
  const compile = schemaCompiler(document);
  const apiHeaders = keysOf(member(member(document, 'components'), 'headers'));
  const problemsOf = (exchange: Exchange, operation: Node): string[] => {
    const responses = member(operation, 'responses');
    const response = deref(document, member(responses, String(exchange.status)));
    if (response === undefined) {
      return [`status ${exchange.status} is not documented (${keysOf(responses)})`];
    }
    const problems: string[] = [];
    const content = member(response, 'content');
    if (content === undefined || exchange.method === 'HEAD') {
      if (exchange.text !== '') problems.push('a body where none is documented');
    } else {
      const essence = essenceOf(exchange.header('content-type'));
      const schema = member(member(content, essence), 'schema');
      if (schema === undefined) problems.push(`Content-Type ${essence} is not documented`);
      else {
        let body: unknown;
        try {
          body = JSON.parse(exchange.text);
        } catch {
          problems.push(`the body is not JSON: ${exchange.text.slice(0, 80)}`);
        }
        if (body !== undefined) problems.push(...compile(schema)(body).map((e) => `body ${e}`));
      }
    }
    const headers = member(response, 'headers');
    for (const name of keysOf(headers)) {
      const definition = deref(document, member(headers, name));
      const value = exchange.header(name);
      if (value === undefined) {
        if (member(definition, 'required') === true) problems.push(`header ${name} is missing`);
      } else {
        problems.push(...compile(member(definition, 'schema'))(value).map((e) => `${name} ${e}`));
      }
    }
    for (const name of apiHeaders) {
      if (exchange.header(name) !== undefined && !keysOf(headers).includes(name)) {
        problems.push(`header ${name} is sent but not documented here`);
      }
    }
    const sent = exchange.requestHeaders['content-type'];
    const media = keysOf(member(deref(document, member(operation, 'requestBody')), 'content'));
    if (exchange.status < 300 && sent !== undefined && media.length > 0) {
      if (!media.includes(essenceOf(sent))) {
        problems.push(`request Content-Type ${essenceOf(sent)} is not documented (${media})`);
      }
    }
    return problems;
  };
  return (exchange: Exchange): string[] => {
    const template = pathTemplateOf(document, exchange.path);
    const operation =
      template === undefined
        ? member(document, 'x-unknown-paths')
        : member(member(member(document, 'paths'), template), exchange.method.toLowerCase());
    const where = `${exchange.method} ${template ?? `${exchange.path} (x-unknown-paths)`} → ${exchange.status}`;
    if (operation === undefined) return [`${where}: the operation is not documented`];
    return problemsOf(exchange, operation).map((problem) => `${where}: ${problem}`);
  };
};

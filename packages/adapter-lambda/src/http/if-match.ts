import { ValidationError } from '@tasks/domain';

/** What an `If-Match` header asks for. */
export type VersionCondition =
  /** No header, or `*` (RFC 9110 §13.1.1: any current representation): 404 still applies. */
  { readonly kind: 'any' } | { readonly kind: 'version'; readonly version: number };

/** Our entity tags are the version in decimal, `"3"`; the `W/` prefix is tolerated. */
const ENTITY_TAG = /^(?:W\/)?"([1-9][0-9]*)"$/;

const malformed = (): ValidationError =>
  new ValidationError([
    {
      path: 'If-Match',
      message: 'must be "<version>" (the ETag of the task), W/"<version>" or *',
    },
  ]);

/**
 * Reads `If-Match`. Accepted: `*`, or one or more entity tags that all name the same
 * version (`"3"`, `W/"3"`, `"3", W/"3"`). A weak tag is compared as if strong: our tags
 * are exact version numbers, so a proxy that weakened one has not changed what it names.
 * Anything else, including tags of different versions (the store can condition a write
 * on one version only), is a `ValidationError` (400).
 */
export const parseIfMatch = (value: string | undefined): VersionCondition => {
  if (value === undefined) return { kind: 'any' };
  const trimmed = value.trim();
  if (trimmed === '*') return { kind: 'any' };
  const versions = new Set(
    trimmed.split(',').map((tag) => ENTITY_TAG.exec(tag.trim())?.[1] ?? 'malformed'),
  );
  const [only, ...others] = versions;
  const version = Number(only);
  if (others.length > 0 || !Number.isSafeInteger(version)) throw malformed();
  return { kind: 'version', version };
};

/** The `expectedVersion` of a use-case command, spread in only when there is one. */
export const expectedVersionOf = (
  condition: VersionCondition,
): { readonly expectedVersion?: number } =>
  condition.kind === 'version' ? { expectedVersion: condition.version } : {};

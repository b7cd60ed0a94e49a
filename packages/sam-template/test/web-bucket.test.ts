// The web page's bucket (SPEC §12, issue 15): private, read only by this stack's
// distribution through origin access control, and a 404 for a missing key.
import { describe, expect, it } from 'vitest';
import { resolveIntrinsics } from '../src/index.js';
import {
  at,
  DISTRIBUTION_ARN,
  distribution,
  listAt,
  PHYSICAL,
  propertiesOf,
  template,
} from './support/web.js';

const bucket = propertiesOf('WebBucket');
const statements = listAt(at(propertiesOf('WebBucketPolicy'), 'PolicyDocument'), 'Statement');
const BUCKET_ARN = PHYSICAL['WebBucket.Arn'];
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

describe('the web bucket', () => {
  it('blocks every kind of public access and has no ACLs', () => {
    expect(bucket['PublicAccessBlockConfiguration']).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket['OwnershipControls']).toEqual({
      Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
    });
  });

  it('encrypts with S3-managed keys, which origin access control reads without a key policy', () => {
    expect(bucket['BucketEncryption']).toEqual({
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ],
    });
  });

  // scripts/deploy-web.sh reads the deploys' dates from index.html's versions.
  it('keeps versions, and expires replaced ones and lone delete markers', () => {
    expect(bucket['VersioningConfiguration']).toEqual({ Status: 'Enabled' });
    const [rule, ...others] = listAt(at(bucket, 'LifecycleConfiguration'), 'Rules');
    expect(others).toEqual([]);
    expect(rule).toMatchObject({
      Status: 'Enabled',
      NoncurrentVersionExpiration: { NoncurrentDays: expect.any(Number) },
      ExpiredObjectDeleteMarker: true,
    });
    // No expiry of current objects: a page that no deploy replaced must stay whole.
    expect(rule).not.toHaveProperty('ExpirationInDays');
    expect(rule).not.toHaveProperty('ExpirationDate');
  });

  it.each([
    ['prod', 'Retain'],
    ['dev', 'Delete'],
  ])('in %s: %s when the stack goes or replaces it', (Stage, policy) => {
    const resource = template.Resources['WebBucket'];
    const when = (value: unknown) => resolveIntrinsics(value, template, { parameters: { Stage } });
    expect(when(resource?.DeletionPolicy)).toBe(policy);
    expect(when(resource?.UpdateReplacePolicy)).toBe(policy);
  });
});

describe('the web bucket policy', () => {
  const allows = statements.filter((statement) => statement['Effect'] === 'Allow');

  it('lets only this stack’s distribution get objects and list keys (a missing key is 404)', () => {
    const onlyThisDistribution = {
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: { StringEquals: { 'AWS:SourceArn': DISTRIBUTION_ARN } },
    };
    expect(allows).toEqual([
      expect.objectContaining({
        ...onlyThisDistribution,
        Action: 's3:GetObject',
        Resource: `${BUCKET_ARN}/*`,
      }),
      expect.objectContaining({
        ...onlyThisDistribution,
        Action: 's3:ListBucket',
        Resource: BUCKET_ARN,
      }),
    ]);
  });

  it('grants nothing to anyone else, nor any other action', () => {
    for (const statement of allows) {
      expect(JSON.stringify(statement['Principal'])).not.toContain('*');
      expect(asList(statement['Action'])).toEqual([
        expect.stringMatching(/^s3:(GetObject|ListBucket)$/),
      ]);
    }
  });

  it('refuses plain HTTP to everyone, on the bucket and its objects', () => {
    expect(statements.filter((statement) => statement['Effect'] === 'Deny')).toEqual([
      expect.objectContaining({
        Principal: '*',
        Action: 's3:*',
        Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
        Condition: { Bool: { 'aws:SecureTransport': false } },
      }),
    ]);
  });
});

describe('origin access control', () => {
  it('signs every request to the bucket with SigV4', () => {
    expect(at(propertiesOf('WebOriginAccessControl'), 'OriginAccessControlConfig')).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
  });

  it('is what the distribution reaches the bucket with, never a legacy identity', () => {
    const origins = listAt(distribution(), 'Origins').filter((origin) =>
      String(origin['DomainName']).includes('.s3.'),
    );
    expect(origins).toEqual([
      {
        Id: expect.any(String),
        DomainName: PHYSICAL['WebBucket.RegionalDomainName'],
        OriginAccessControlId: PHYSICAL['WebOriginAccessControl.Id'],
        S3OriginConfig: { OriginAccessIdentity: '' },
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { artifactsFromEnv } from './artifactsFromEnv.js';

describe('artifactsFromEnv', () => {
  it('has no artifact store when TRAINYARD_ARTIFACTS is unset (the embedded default)', () => {
    expect(artifactsFromEnv({})).toBeUndefined();
  });

  it('opens a shared directory or a bucket on an S3-compatible endpoint', () => {
    expect(artifactsFromEnv({ TRAINYARD_ARTIFACTS: 'file:///mnt/ty' })?.location).toBe('file:///mnt/ty');
    expect(
      artifactsFromEnv({ TRAINYARD_ARTIFACTS: 's3://ty/prod', TRAINYARD_S3_ENDPOINT: 'http://minio:9000' })
        ?.location,
    ).toBe('s3://ty/prod');
  });

  it('names the variable and the value it refuses', () => {
    expect(() => artifactsFromEnv({ TRAINYARD_ARTIFACTS: '/mnt/ty' })).toThrow(
      'TRAINYARD_ARTIFACTS: Artifact location is not a URL: expected file:///absolute/path or s3://bucket/prefix, got "/mnt/ty"',
    );
    expect(() =>
      artifactsFromEnv({ TRAINYARD_ARTIFACTS: 's3://ty', TRAINYARD_S3_ENDPOINT: 'minio:9000' }),
    ).toThrow('TRAINYARD_S3_ENDPOINT must be an http:// or https:// URL, got "minio:9000"');
    expect(() => artifactsFromEnv({ TRAINYARD_S3_ENDPOINT: 'http://minio:9000' })).toThrow(
      'TRAINYARD_S3_ENDPOINT is set but TRAINYARD_ARTIFACTS is not',
    );
  });
});

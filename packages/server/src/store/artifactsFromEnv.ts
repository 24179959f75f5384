/**
 * The artifact store the environment names: TRAINYARD_ARTIFACTS (`file:///…` or
 * `s3://bucket/prefix`), with TRAINYARD_S3_ENDPOINT for MinIO, Ceph or another S3-compatible server
 * and the AWS SDK's own variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, profiles).
 * Unset: none, and models stay in `<home>/models` as in the embedded default.
 */
import { type ArtifactStore, openArtifactStore } from '@trainyard/trainers';

/**
 * @example artifactsFromEnv({ TRAINYARD_ARTIFACTS: 's3://trainyard/prod', TRAINYARD_S3_ENDPOINT: 'http://minio:9000' })
 */
export function artifactsFromEnv(env: NodeJS.ProcessEnv = process.env): ArtifactStore | undefined {
  const location = env.TRAINYARD_ARTIFACTS?.trim();
  const endpoint = env.TRAINYARD_S3_ENDPOINT?.trim();
  if (!location) {
    if (endpoint) throw new Error('TRAINYARD_S3_ENDPOINT is set but TRAINYARD_ARTIFACTS is not: set both');
    return undefined;
  }
  if (endpoint && !/^https?:\/\/[^/]/.test(endpoint)) {
    throw new Error(`TRAINYARD_S3_ENDPOINT must be an http:// or https:// URL, got "${endpoint}"`);
  }
  try {
    return openArtifactStore(location, endpoint ? { endpoint } : {});
  } catch (err) {
    throw new Error(`TRAINYARD_ARTIFACTS: ${(err as Error).message}`, { cause: err });
  }
}

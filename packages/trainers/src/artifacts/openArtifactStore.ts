/** Parses `file:///…` or `s3://bucket/prefix` (TRAINYARD_ARTIFACTS) into a store. */
import { fileURLToPath } from 'node:url';
import { type ArtifactStore, checkArtifactKey } from './artifactStore.js';
import { createFileArtifactStore } from './fileArtifactStore.js';
import { createS3ArtifactStore, type S3ArtifactOptions } from './s3ArtifactStore.js';

/**
 * Opens the artifact store a location names.
 *
 * @example
 * const artifacts = openArtifactStore('s3://trainyard/prod', { endpoint: 'http://minio:9000' });
 * await artifacts.putFolder(`models/${modelId}`, dir, { last: ['metadata.json'] });
 */
export function openArtifactStore(location: string, s3: S3ArtifactOptions = {}): ArtifactStore {
  const url = parseLocation(location);
  if (url.protocol === 'file:') return createFileArtifactStore(fileURLToPath(url));
  const prefix = url.pathname.replace(/^\/+|\/+$/g, '');
  if (prefix) checkArtifactKey(prefix);
  return createS3ArtifactStore(url.hostname, prefix, s3);
}

function parseLocation(location: string): URL {
  const expected = `expected file:///absolute/path or s3://bucket/prefix, got "${location}"`;
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new Error(`Artifact location is not a URL: ${expected}`);
  }
  if (url.protocol === 'file:' && !url.host && url.pathname !== '/') return url;
  if (url.protocol === 's3:' && url.hostname && !url.username && !url.search) return url;
  throw new Error(`Artifact location is not usable: ${expected}`);
}

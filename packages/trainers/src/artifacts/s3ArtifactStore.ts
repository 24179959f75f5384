/**
 * Artifacts in an S3 bucket through the AWS SDK, so AWS, MinIO, Ceph or any S3-compatible server
 * work: a folder is the objects under `<prefix>/<key>/`. S3 has no rename, so a folder is made
 * whole by order: the files in `last` (a model's metadata.json) are written after the others.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import {
  ArtifactNotFoundError,
  type ArtifactStore,
  checkArtifactKey,
  fillFolderAtomically,
  lastOnes,
  localFiles,
} from './artifactStore.js';

export interface S3ArtifactOptions {
  /** An S3-compatible server's URL (MinIO, Ceph, a local test server); unset = AWS itself. */
  endpoint?: string;
  /** Default: the SDK's (AWS_REGION, profile), else us-east-1. */
  region?: string;
  /** Default: the SDK's chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profile, instance role). */
  credentials?: S3ClientConfig['credentials'];
}

/** @example const artifacts = createS3ArtifactStore('trainyard', 'prod', { endpoint: 'http://minio:9000' }); */
export function createS3ArtifactStore(
  bucket: string,
  prefix: string,
  options: S3ArtifactOptions = {},
): ArtifactStore {
  const location = `s3://${bucket}${prefix ? `/${prefix}` : ''}`;
  const config: S3ClientConfig = {
    region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          // MinIO and Ceph serve buckets as paths, not as subdomains of the endpoint.
          forcePathStyle: true,
          // Checksums only where S3 requires them: many S3-compatible servers reject the SDK's
          // newer default (CRC32 trailers on every upload).
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {}),
  };
  // The SDK loads on first use (~0.3 s): the embedded default and file:// stores never pay for it.
  let loaded: Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | undefined;
  const s3 = () => {
    loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: new sdk.S3Client(config) }));
    return loaded;
  };
  const folderPrefix = (key: string) => `${prefix ? `${prefix}/` : ''}${checkArtifactKey(key)}/`;

  async function list(key: string): Promise<string[]> {
    const base = folderPrefix(key);
    const { client, sdk } = await s3();
    const files: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: base, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key) files.push(object.Key.slice(base.length));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return files.sort();
  }

  return {
    location,
    async putFolder(key, localDir, options = {}) {
      const base = folderPrefix(key);
      const files = await localFiles(localDir);
      const before = await list(key);
      const { client, sdk } = await s3();
      for (const file of lastOnes(files, options.last)) {
        const body = await readFile(join(localDir, file));
        await client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: base + file, Body: body }));
      }
      // What the previous version had and this one has not.
      for (const file of before.filter((f) => !files.includes(f))) {
        await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: base + file }));
      }
      return files;
    },
    async getFolder(key, localDir) {
      const base = folderPrefix(key);
      const files = await list(key);
      if (files.length === 0) throw new ArtifactNotFoundError(key, location);
      const { client, sdk } = await s3();
      await fillFolderAtomically(localDir, async (tmp) => {
        for (const file of files) {
          const res = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: base + file }));
          const bytes = await res.Body?.transformToByteArray();
          await mkdir(dirname(join(tmp, file)), { recursive: true });
          await writeFile(join(tmp, file), bytes ?? new Uint8Array());
        }
      });
      return files;
    },
    list,
    async removeFolder(key) {
      const base = folderPrefix(key);
      const { client, sdk } = await s3();
      // One request per file: a model or dataset folder holds a few files.
      for (const file of await list(key)) {
        await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: base + file }));
      }
    },
  };
}

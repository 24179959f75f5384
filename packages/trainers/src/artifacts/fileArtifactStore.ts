/**
 * Artifacts in a directory every machine mounts (NFS, a shared volume). A folder is copied next
 * to its final place and renamed in, so readers on any machine see it whole or not at all.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ArtifactNotFoundError,
  type ArtifactStore,
  checkArtifactKey,
  fillFolderAtomically,
  lastOnes,
  localFiles,
} from './artifactStore.js';

/** @example const artifacts = createFileArtifactStore('/mnt/trainyard'); */
export function createFileArtifactStore(root: string): ArtifactStore {
  const location = pathToFileURL(root).href;
  const pathOf = (key: string) => join(root, ...checkArtifactKey(key).split('/'));

  async function list(key: string): Promise<string[]> {
    try {
      return await localFiles(pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  async function copyFolder(from: string, to: string, files: string[]): Promise<void> {
    for (const file of files) {
      await mkdir(dirname(join(to, file)), { recursive: true });
      await copyFile(join(from, file), join(to, file));
    }
  }

  return {
    location,
    async putFolder(key, localDir, options = {}) {
      const files = await localFiles(localDir);
      // The rename makes the folder whole at once; `last` still orders the copies for symmetry.
      await fillFolderAtomically(pathOf(key), (tmp) =>
        copyFolder(localDir, tmp, lastOnes(files, options.last)),
      );
      return files;
    },
    async getFolder(key, localDir) {
      const files = await list(key);
      if (files.length === 0) throw new ArtifactNotFoundError(key, location);
      await fillFolderAtomically(localDir, (tmp) => copyFolder(pathOf(key), tmp, files));
      return files;
    },
    list,
    async removeFolder(key) {
      await rm(pathOf(key), { recursive: true, force: true });
    },
  };
}

import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage.js';
import { readSessionToken, TOKEN_STORAGE_KEY } from './sessionToken.js';

describe('readSessionToken', () => {
  it('takes the token from the URL once, keeps it in storage and strips it from the address', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const token = readSessionToken({ href: 'http://x/?token=s3cret#/pytorch' }, storage, (u) =>
      replaced.push(u),
    );
    expect(token).toBe('s3cret');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('s3cret');
    expect(replaced).toEqual(['http://x/#/pytorch']);
  });

  it('falls back to the stored token when the URL has none', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'kept' });
    expect(readSessionToken({ href: 'http://x/#/runs' }, storage)).toBe('kept');
  });

  it('returns undefined when no token was ever given', () => {
    expect(readSessionToken({ href: 'http://x/' }, memoryStorage())).toBeUndefined();
  });
});

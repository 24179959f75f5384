import { describe, expect, it } from 'vitest';
import { describeStoreTarget, storeTargetFromEnv } from './storeTarget.js';

describe('storeTargetFromEnv', () => {
  it('keeps the SQLite file under the data directory when TRAINYARD_DATABASE_URL is unset or empty', () => {
    expect(storeTargetFromEnv('/srv/ty', {})).toEqual({ file: '/srv/ty/trainyard.db' });
    expect(storeTargetFromEnv('/srv/ty', { TRAINYARD_DATABASE_URL: ' ' })).toEqual({
      file: '/srv/ty/trainyard.db',
    });
  });

  it('moves the store to PostgreSQL for a postgres:// URL', () => {
    const url = 'postgresql://ty:secret@db.example:5432/trainyard';
    expect(storeTargetFromEnv('/srv/ty', { TRAINYARD_DATABASE_URL: url })).toEqual({ databaseUrl: url });
    expect(describeStoreTarget({ databaseUrl: url })).toBe('postgresql://ty:***@db.example:5432/trainyard');
  });

  it('refuses another URL, naming the variable and the value without its password', () => {
    expect(() =>
      storeTargetFromEnv('/srv/ty', { TRAINYARD_DATABASE_URL: 'mysql://ty:secret@db/trainyard' }),
    ).toThrow(
      'TRAINYARD_DATABASE_URL must be a postgres:// or postgresql:// URL, got "mysql://ty:***@db/trainyard"',
    );
  });
});

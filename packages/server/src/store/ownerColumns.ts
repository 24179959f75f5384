import type { ExpressionBuilder } from 'kysely';
import type { ProcessOwner } from './processOwner.js';
import type { OwnerColumns, StoreSchema } from './schema.js';

/** The owner columns of a row a process starts executing. */
export const ownerValues = (owner: ProcessOwner): OwnerColumns => ({
  owner_host: owner.host,
  owner_pid: owner.pid,
  owner_token: owner.token,
});

/** The owner a row records; null for rows written before owners were (they count as orphaned). */
export const toOwner = (row: OwnerColumns): ProcessOwner | null =>
  row.owner_host === null || row.owner_pid === null || row.owner_token === null
    ? null
    : { host: row.owner_host, pid: row.owner_pid, token: row.owner_token };

/** WHERE the row is owned by `owner` (null: by nobody). */
export const ownedBy =
  (owner: ProcessOwner | null) => (eb: ExpressionBuilder<StoreSchema, 'runs' | 'sweeps'>) =>
    owner === null
      ? eb.or([eb('owner_host', 'is', null), eb('owner_pid', 'is', null), eb('owner_token', 'is', null)])
      : eb.and([
          eb('owner_host', '=', owner.host),
          eb('owner_pid', '=', owner.pid),
          eb('owner_token', '=', owner.token),
        ]);

/** Distinct owners, with null (no owner) at most once. */
export function distinctOwners(rows: OwnerColumns[]): Array<ProcessOwner | null> {
  const seen = new Map<string, ProcessOwner | null>();
  for (const row of rows) {
    const owner = toOwner(row);
    seen.set(owner ? JSON.stringify([owner.host, owner.pid, owner.token]) : 'none', owner);
  }
  return [...seen.values()];
}

import type { SweepFields, SweepRecord, SweepStatus, TrainingCombination } from '@trainyard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { StoreSchema, SweepsTable } from './schema.js';

export interface SweepStore {
  insert(sweep: Omit<SweepRecord, 'done'>): Promise<void>;
  get(id: string): Promise<SweepRecord | undefined>;
  /** Newest first. */
  list(): Promise<SweepRecord[]>;
  setStatus(
    id: string,
    status: SweepStatus,
    opts?: { error?: string | null; finishedAt?: string | null },
  ): Promise<void>;
  /** Marks every sweep still queued or running as `interrupted`; returns their ids. */
  interruptActive(finishedAt: string): Promise<string[]>;
}

/**
 * A combination is done when its latest attempt finished (completed or failed); a resumed
 * combination counts again only once its new attempt ends.
 */
const doneCount = sql<number>`(
  select count(*) from runs r
  where r.sweep_id = sweeps.id and r.status != 'running'
    and r.seq = (select max(r2.seq) from runs r2
                 where r2.sweep_id = r.sweep_id and r2.combination_index = r.combination_index)
)`.as('done');

export function createSweepStore(db: Kysely<StoreSchema>): SweepStore {
  const select = () => db.selectFrom('sweeps').selectAll().select(doneCount);
  return {
    async insert(s) {
      await db
        .insertInto('sweeps')
        .values({
          id: s.id,
          status: s.status,
          fields: JSON.stringify(s.fields),
          combinations: JSON.stringify(s.combinations),
          total: s.total,
          error: s.error ?? null,
          created_at: s.createdAt,
          finished_at: s.finishedAt ?? null,
        })
        .execute();
    },
    async get(id) {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async list() {
      const rows = await select().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toRecord);
    },
    async setStatus(id, status, opts = {}) {
      const patch: Partial<Selectable<SweepsTable>> = { status };
      if (opts.error !== undefined) patch.error = opts.error;
      if (opts.finishedAt !== undefined) patch.finished_at = opts.finishedAt;
      await db.updateTable('sweeps').set(patch).where('id', '=', id).execute();
    },
    async interruptActive(finishedAt) {
      const rows = await db
        .updateTable('sweeps')
        .set({ status: 'interrupted', finished_at: finishedAt })
        .where('status', 'in', ['queued', 'running'])
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },
  };
}

function toRecord(r: Selectable<SweepsTable> & { done: number }): SweepRecord {
  const rec: SweepRecord = {
    id: r.id,
    status: r.status as SweepStatus,
    fields: JSON.parse(r.fields) as SweepFields,
    combinations: JSON.parse(r.combinations) as TrainingCombination[],
    total: r.total,
    done: Number(r.done),
    createdAt: r.created_at,
  };
  if (r.error !== null) rec.error = r.error;
  if (r.finished_at !== null) rec.finishedAt = r.finished_at;
  return rec;
}

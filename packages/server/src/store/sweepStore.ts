import {
  ACTIVE_SWEEP_STATUSES,
  countSweep,
  type LabelsPatch,
  type StoredRun,
  type SweepAttempt,
  type SweepCounts,
  type SweepFields,
  type SweepRecord,
  type SweepStatus,
  sweepBest,
  type TrainingCombination,
} from '@trainyard/core';
import type { Kysely, Selectable } from 'kysely';
import { labelValues, withLabels } from './labelColumns.js';
import { distinctOwners, ownedBy, ownerValues, toOwner } from './ownerColumns.js';
import type { ProcessOwner } from './processOwner.js';
import { resultOf, toSweepAttempt } from './runStore.js';
import type { StoreSchema, SweepsTable } from './schema.js';

export interface SweepStore {
  insert(sweep: Omit<SweepRecord, keyof SweepCounts | 'best'>): Promise<void>;
  /** Changes the name, tags or notes; false when there is no such sweep. */
  setLabels(id: string, patch: LabelsPatch): Promise<boolean>;
  /** Deletes the sweep row (its runs are the run store's); false when there was none. */
  delete(id: string): Promise<boolean>;
  /**
   * Extends a sweep that is not active with more combinations (appended, so stored runs keep their
   * indexes) and claims it like `claim`, atomically: false when it is active.
   */
  extend(id: string, fields: SweepFields, combinations: TrainingCombination[]): Promise<boolean>;
  get(id: string): Promise<SweepRecord | undefined>;
  /** Newest first. */
  list(): Promise<SweepRecord[]>;
  setStatus(
    id: string,
    status: SweepStatus,
    opts?: { error?: string | null; finishedAt?: string | null },
  ): Promise<void>;
  /**
   * Appends a combination an ask-and-tell search (TPE) suggested, so a resume replays it; returns its
   * index. The total grows with the list when it passes it.
   */
  appendCombination(id: string, combination: TrainingCombination): Promise<number>;
  /** Records why a search stopped starting runs (null clears it, as a resume does). */
  setEndReason(id: string, reason: string | null): Promise<void>;
  /** The process executing the sweep (null: none recorded; undefined: no such sweep). */
  ownerOf(id: string): Promise<ProcessOwner | null | undefined>;
  /**
   * Makes a sweep that is not active ('running') 'running' again under this store's owner, atomically:
   * false when it is active (another process or call got there first).
   */
  claim(id: string): Promise<boolean>;
  /** The distinct owners of sweeps still active (null: sweeps that record none). */
  activeOwners(): Promise<Array<ProcessOwner | null>>;
  /** Marks the active sweeps of `owner` (null: of no owner) `interrupted`; returns their ids. */
  interruptActiveOf(owner: ProcessOwner | null, finishedAt: string): Promise<string[]>;
}

const ACTIVE = [...ACTIVE_SWEEP_STATUSES];

/** Core's rule, re-exported for the studio's sweep service. */
export { isActiveSweepStatus } from '@trainyard/core';

/** `owner` is the process that opened the store: the sweeps it inserts or claims are stamped with it. */
export function createSweepStore(db: Kysely<StoreSchema>, owner: ProcessOwner): SweepStore {
  /**
   * The records with their counts (core's countSweep over each sweep's attempts, read in grid then
   * attempt order): `done` is completed combinations; failed, cancelled, interrupted, stopped the rest.
   */
  const withCounts = async (rows: Selectable<SweepsTable>[]): Promise<SweepRecord[]> => {
    if (rows.length === 0) return [];
    const attempts = await db
      .selectFrom('runs')
      .select([
        'id',
        'sweep_id',
        'combination_index',
        'status',
        'stop_reason',
        'metric_name',
        'metric_score',
        'val_score',
        'pruned',
        'dataset_id',
      ])
      .where(
        'sweep_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('combination_index')
      .orderBy('seq')
      .execute();
    type Scored = Parameters<typeof sweepBest>[0][number];
    const bySweep = new Map<string, Array<SweepAttempt & Scored>>();
    for (const a of attempts) {
      const list = bySweep.get(a.sweep_id!) ?? [];
      const scored: Scored = {
        id: a.id,
        result: resultOf(a.status) as StoredRun['result'],
        metric_name: a.metric_name ?? 'n/a',
        metric_score: a.metric_score ?? 'n/a',
        datasetId: a.dataset_id,
      };
      if (a.val_score !== null) scored.val_score = a.val_score;
      if (a.pruned) scored.pruned = true;
      list.push({ ...toSweepAttempt(a), ...scored });
      bySweep.set(a.sweep_id!, list);
    }
    return rows.map((r) => {
      const runs = bySweep.get(r.id) ?? [];
      const rec = toRecord(r, countSweep(runs));
      const best = sweepBest(runs);
      if (best) rec.best = best;
      return rec;
    });
  };
  const select = () => db.selectFrom('sweeps').selectAll();
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
          ...ownerValues(owner),
          ...labelValues(s),
        })
        .execute();
    },
    async get(id) {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row && (await withCounts([row]))[0];
    },
    async list() {
      const rows = await select().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      return withCounts(rows);
    },
    async setLabels(id, patch) {
      const set = labelValues(patch);
      if (Object.keys(set).length === 0)
        return (await select().where('id', '=', id).executeTakeFirst()) !== undefined;
      const res = await db.updateTable('sweeps').set(set).where('id', '=', id).executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
    async delete(id) {
      const res = await db.deleteFrom('sweeps').where('id', '=', id).executeTakeFirst();
      return res.numDeletedRows > 0n;
    },
    async extend(id, fields, combinations) {
      const res = await db
        .updateTable('sweeps')
        .set({
          status: 'running',
          error: null,
          finished_at: null,
          fields: JSON.stringify(fields),
          combinations: JSON.stringify(combinations),
          total: combinations.length,
          ...ownerValues(owner),
        })
        .where('id', '=', id)
        .where('status', 'not in', ACTIVE)
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
    async setStatus(id, status, opts = {}) {
      const patch: Partial<Selectable<SweepsTable>> = { status };
      if (opts.error !== undefined) patch.error = opts.error;
      if (opts.finishedAt !== undefined) patch.finished_at = opts.finishedAt;
      await db.updateTable('sweeps').set(patch).where('id', '=', id).execute();
    },
    async appendCombination(id, combination) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('sweeps')
          .select(['combinations', 'total'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const combinations = [...(JSON.parse(row.combinations) as TrainingCombination[]), combination];
        await trx
          .updateTable('sweeps')
          .set({
            combinations: JSON.stringify(combinations),
            total: Math.max(row.total, combinations.length),
          })
          .where('id', '=', id)
          .execute();
        return combinations.length - 1;
      });
    },
    async setEndReason(id, reason) {
      await db.updateTable('sweeps').set({ end_reason: reason }).where('id', '=', id).execute();
    },
    async ownerOf(id) {
      const row = await db
        .selectFrom('sweeps')
        .select(['owner_host', 'owner_pid', 'owner_token'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toOwner(row);
    },
    async claim(id) {
      const res = await db
        .updateTable('sweeps')
        .set({ status: 'running', error: null, finished_at: null, ...ownerValues(owner) })
        .where('id', '=', id)
        .where('status', 'not in', ACTIVE)
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
    async activeOwners() {
      const rows = await db
        .selectFrom('sweeps')
        .select(['owner_host', 'owner_pid', 'owner_token'])
        .distinct()
        .where('status', 'in', ACTIVE)
        .execute();
      return distinctOwners(rows);
    },
    async interruptActiveOf(sweepOwner, finishedAt) {
      const rows = await db
        .updateTable('sweeps')
        .set({ status: 'interrupted', finished_at: finishedAt })
        .where('status', 'in', ACTIVE)
        .where(ownedBy(sweepOwner))
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },
  };
}

function toRecord(r: Selectable<SweepsTable>, counts: SweepCounts): SweepRecord {
  const rec: SweepRecord = {
    id: r.id,
    status: r.status as SweepStatus,
    fields: JSON.parse(r.fields) as SweepFields,
    combinations: JSON.parse(r.combinations) as TrainingCombination[],
    total: r.total,
    ...counts,
    createdAt: r.created_at,
  };
  if (r.error !== null) rec.error = r.error;
  if (r.finished_at !== null) rec.finishedAt = r.finished_at;
  // Absent (undefined) on a store not yet migrated to 0007, null when none was recorded.
  if (r.end_reason != null) rec.endReason = r.end_reason;
  return withLabels(rec, r);
}

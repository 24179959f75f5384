import type { ModelSummary } from '@trainyard/core';
import type { Kysely } from 'kysely';
import type { StoreSchema } from './schema.js';

/** The index of the trainers' model files. A row is written only after its files exist. */
export interface ModelStore {
  put(model: ModelSummary): Promise<void>;
  get(id: string): Promise<ModelSummary | undefined>;
  /** Newest first. */
  list(): Promise<ModelSummary[]>;
  ids(): Promise<string[]>;
  delete(id: string): Promise<boolean>;
}

export function createModelStore(db: Kysely<StoreSchema>): ModelStore {
  return {
    async put(m) {
      const row = {
        id: m.modelId,
        framework: m.framework,
        dataset_id: m.datasetId,
        run_id: m.runId ?? null,
        summary: JSON.stringify(m),
        created_at: m.createdAt,
      };
      await db
        .insertInto('models')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('models').select('summary').where('id', '=', id).executeTakeFirst();
      return row && (JSON.parse(row.summary) as ModelSummary);
    },
    async list() {
      const rows = await db
        .selectFrom('models')
        .select('summary')
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map((r) => JSON.parse(r.summary) as ModelSummary);
    },
    async ids() {
      const rows = await db.selectFrom('models').select('id').execute();
      return rows.map((r) => r.id);
    },
    async delete(id) {
      const res = await db.deleteFrom('models').where('id', '=', id).executeTakeFirst();
      return res.numDeletedRows > 0n;
    },
  };
}

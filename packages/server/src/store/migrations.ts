/**
 * Versioned migrations, kept in code (not read from a folder) so the built package carries them.
 * Names sort in the order they must run; never edit a released migration, add the next one.
 */
import { type Kysely, type Migration, type MigrationProvider, PostgresAdapter, sql } from 'kysely';

/** Migrations run on SQLite (the embedded default) and PostgreSQL (a shared store). */
export const isPostgres = (db: Kysely<unknown>): boolean =>
  db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The column type of a metric or hyperparameter: SQLite's `real` is 8 bytes, PostgreSQL's only 4
 * (0.123456789 would read back as 0.12345679), so PostgreSQL gets `double precision`.
 */
export const floatType = (db: Kysely<unknown>) => (isPostgres(db) ? 'double precision' : 'real');

const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      const pg = isPostgres(db);
      const real = floatType(db);
      await db.schema
        .createTable('runs')
        // Kysely's autoIncrement() is MySQL's auto_increment on PostgreSQL, where serial is the way.
        .addColumn('seq', pg ? 'serial' : 'integer', (c) =>
          pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('sweep_id', 'text')
        .addColumn('combination_index', 'integer')
        .addColumn('framework', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('mode', 'text')
        .addColumn('dataset_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('seed', 'integer', (c) => c.notNull())
        .addColumn('epochs', 'integer', (c) => c.notNull())
        .addColumn('batch_size', 'integer', (c) => c.notNull())
        .addColumn('learning_rate', real, (c) => c.notNull())
        .addColumn('test_size', real, (c) => c.notNull())
        .addColumn('hidden_dim', 'integer', (c) => c.notNull())
        .addColumn('num_hidden_layers', 'integer', (c) => c.notNull())
        .addColumn('dropout', real, (c) => c.notNull())
        .addColumn('metric_name', 'text')
        .addColumn('metric_score', real)
        .addColumn('train_loss', real)
        .addColumn('test_loss', real)
        .addColumn('model_id', 'text')
        .addColumn('model_path', 'text')
        .addColumn('error', 'text')
        .addColumn('parameter_count', 'integer')
        .addColumn('duration_ms', real)
        .addColumn('history', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema
        .createIndex('runs_sweep')
        .on('runs')
        .columns(['sweep_id', 'combination_index'])
        .execute();
      await db.schema.createIndex('runs_status').on('runs').column('status').execute();

      await db.schema
        .createTable('sweeps')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('combinations', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();

      await db.schema
        .createTable('models')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('framework', 'text', (c) => c.notNull())
        .addColumn('dataset_id', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['models', 'sweeps', 'runs']) await sql`drop table ${sql.table(table)}`.execute(db);
    },
  },
  // The process executing a run or sweep, so a second process opening the same home (the CLI next
  // to the server) does not take its live work for a crash's leftovers. Null on older rows.
  '0002_process_owners': {
    async up(db: Kysely<unknown>) {
      for (const table of ['runs', 'sweeps']) {
        // One column per statement: SQLite's ALTER TABLE adds a single column.
        await db.schema.alterTable(table).addColumn('owner_host', 'text').execute();
        await db.schema.alterTable(table).addColumn('owner_pid', 'integer').execute();
        await db.schema.alterTable(table).addColumn('owner_token', 'text').execute();
      }
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['runs', 'sweeps']) {
        for (const column of ['owner_host', 'owner_pid', 'owner_token']) {
          await db.schema.alterTable(table).dropColumn(column).execute();
        }
      }
    },
  },
  // Why a failed run ended: 'cancelled', 'interrupted' or 'stopped' (early, by a scheduler); null when
  // it failed on its own. Sweep counts name them apart. Older rows are classified by the only texts
  // the studio wrote for them.
  '0003_run_stop_reason': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').addColumn('stop_reason', 'text').execute();
      await sql`update runs set stop_reason = 'interrupted'
        where status = 'failed' and error = 'interrupted'`.execute(db);
      await sql`update runs set stop_reason = 'cancelled'
        where status = 'failed' and (error = 'Cancelled' or error like 'Training cancelled%'
          or error like 'Cancelled before training%')`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').dropColumn('stop_reason').execute();
    },
  },
  // Model selection (issue 11): the saved epoch's validation score and loss, where training stopped
  // and whether a pruner stopped it. Portable types only (SQLite and PostgreSQL): double precision
  // for floats, integer 0/1 for the flag.
  '0004_run_selection': {
    async up(db: Kysely<unknown>) {
      const columns: Array<[string, 'double precision' | 'integer']> = [
        ['val_score', 'double precision'],
        ['val_loss', 'double precision'],
        ['best_epoch', 'integer'],
        ['stopped_epoch', 'integer'],
        ['pruned', 'integer'],
      ];
      for (const [column, type] of columns) {
        await db.schema.alterTable('runs').addColumn(column, type).execute();
      }
    },
    async down(db: Kysely<unknown>) {
      for (const column of ['val_score', 'val_loss', 'best_epoch', 'stopped_epoch', 'pruned']) {
        await db.schema.alterTable('runs').dropColumn(column).execute();
      }
    },
  },
  // Names, tags and notes people write on sweeps and runs (issue 13). Tags are a JSON array of texts.
  '0005_sweep_labels': {
    async up(db: Kysely<unknown>) {
      for (const table of ['sweeps', 'runs']) {
        for (const column of ['name', 'tags', 'notes']) {
          await db.schema.alterTable(table).addColumn(column, 'text').execute();
        }
      }
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['sweeps', 'runs']) {
        for (const column of ['name', 'tags', 'notes']) {
          await db.schema.alterTable(table).dropColumn(column).execute();
        }
      }
    },
  },
  // Why a search sweep stopped starting runs (issue 11: "ends completed when the budget is spent and
  // says why"), e.g. 'Budget spent: 5.01 minutes (maxMinutes 5)'. Null for grids and older sweeps.
  '0007_sweep_end_reason': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('sweeps').addColumn('end_reason', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('sweeps').dropColumn('end_reason').execute();
    },
  },
  // k-fold cross-validation (issue 11): the standard deviation of the folds' validation scores
  // (val_score is their mean). Null for runs without folds and older rows.
  '0008_run_val_score_std': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').addColumn('val_score_std', 'double precision').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').dropColumn('val_score_std').execute();
    },
  },
};

/** Kysely's Migrator reads migrations from here. */
export const inCodeMigrations: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};

/** Names of every migration this build knows, in order (used by tests and health checks). */
export const migrationNames = Object.keys(migrations).sort();

import { ModelIdSchema, type PredictRow } from '@trainyard/core';
import { createModelPredictor, csvInputRows } from '@trainyard/trainers';
import type { FastifyInstance } from 'fastify';
import { HttpError, notFound } from '../../errors.js';
import type { Studio } from '../../studio/createStudio.js';
import { parseInput } from '../parseInput.js';

const CSV_TYPES = ['text/csv', 'application/csv'];
/** Marks a body the CSV parser read, so a JSON string body is never taken for CSV text. */
const CSV_BODY = Symbol('csv body');

/**
 * `POST /api/models/:id/predict`: rows as JSON `{ "rows": [...] }` (objects keyed by column name,
 * or arrays in column order) or a CSV body (text/csv, header line first). Answers a
 * PredictionResult in the rows' order; a bad cell is a 400 naming the row and the column.
 * Runs on ONNX Runtime; sessions are cached per model (LRU) and released when the app closes. A
 * body may be as large as a dataset upload (`bodyLimit`): 100,000 rows of 64 columns is ~20 MB.
 */
export async function predictRoutes(
  app: FastifyInstance,
  studio: Studio,
  opts: { bodyLimit: number },
): Promise<void> {
  const predictor = createModelPredictor({ models: studio.local.models });
  app.addHook('onClose', async () => predictor.close());
  await app.register(async (scope) => {
    scope.addContentTypeParser(CSV_TYPES, { parseAs: 'string' }, (_request, body, done) =>
      done(null, { [CSV_BODY]: body }),
    );
    const route = { bodyLimit: opts.bodyLimit };
    scope.post<{ Params: { id: string }; Body: unknown }>(
      '/api/models/:id/predict',
      route,
      async (request) => {
        const id = parseInput(ModelIdSchema, request.params.id, 'id');
        if (!(await studio.store.models.get(id))) throw notFound('model', id, '/api/models');
        return predictor.predict(id, rowsOf(request.body));
      },
    );
  });
}

function rowsOf(body: unknown): readonly PredictRow[] {
  const csv = (body as { [CSV_BODY]?: string } | null)?.[CSV_BODY];
  if (typeof csv === 'string') return csvInputRows(csv);
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) {
    throw new HttpError(
      'VALIDATION',
      'Send { "rows": [...] } as JSON (objects keyed by column name, or arrays in column order), or a CSV body with Content-Type: text/csv',
      { field: 'rows' },
    );
  }
  return rows as PredictRow[];
}

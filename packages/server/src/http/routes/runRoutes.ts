import { DatasetIdSchema, FrameworkSchema, LabelsPatchSchema, RecordIdSchema } from '@trainyard/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HttpError, notFound } from '../../errors.js';
import type { Studio } from '../../studio/createStudio.js';
import { removeModel } from '../../studio/removeModel.js';
import { parseInput, patchBody } from '../parseInput.js';

const RunsQuerySchema = z.object({
  framework: FrameworkSchema.optional(),
  datasetId: DatasetIdSchema.optional(),
  sweepId: RecordIdSchema.optional(),
  tag: z.string().trim().min(1).max(40).optional(),
});

const DeleteRunQuerySchema = z.object({
  deleteModel: z
    .enum(['true', 'false'], {
      error: (issue) => `deleteModel must be true or false: ${String(issue.input)}`,
    })
    .optional(),
});

/**
 * GET /api/runs (newest first, filtered), GET /api/runs/:id, DELETE /api/runs/:id (with
 * ?deleteModel=true its saved model goes too; without, the model stays and names its run id),
 * PATCH /api/runs/:id (name, tags, notes).
 */
export function runRoutes(app: FastifyInstance, studio: Studio): void {
  app.get('/api/runs', async (request) => {
    const filter = parseInput(RunsQuerySchema, request.query);
    return { runs: await studio.store.runs.list(filter) };
  });

  app.get<{ Params: { id: string } }>('/api/runs/:id', async (request) => {
    const id = parseInput(RecordIdSchema, request.params.id, 'id');
    const run = await studio.store.runs.get(id);
    if (!run) throw notFound('run', id, '/api/runs');
    return { run };
  });

  app.delete<{ Params: { id: string } }>('/api/runs/:id', async (request, reply) => {
    const id = parseInput(RecordIdSchema, request.params.id, 'id');
    const { deleteModel } = parseInput(DeleteRunQuerySchema, request.query);
    let run = await studio.store.runs.get(id);
    if (!run) throw notFound('run', id, '/api/runs');
    // A 'running' row may be the leftover of a process that died after this one started.
    if (run.result === 'running') {
      await studio.interruptOrphans();
      run = await studio.store.runs.get(id);
    }
    // Its row is the only record of a training in flight; it can go once it ends.
    if (run?.result === 'running')
      throw new HttpError('CONFLICT', `Run "${id}" is still running`, { field: 'id' });
    await studio.store.runs.delete(id);
    if (deleteModel === 'true' && run?.modelId && (await studio.store.models.get(run.modelId))) {
      await removeModel(studio, run.modelId);
    }
    return reply.status(204).send();
  });

  // Name, tags and notes (LabelsPatchSchema).
  app.patch<{ Params: { id: string } }>('/api/runs/:id', async (request) => {
    const id = parseInput(RecordIdSchema, request.params.id, 'id');
    const patch = parseInput(LabelsPatchSchema, patchBody(request.body));
    if (!(await studio.store.runs.setLabels(id, patch))) throw notFound('run', id, '/api/runs');
    return { run: await studio.store.runs.get(id) };
  });
}

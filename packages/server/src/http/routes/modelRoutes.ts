import { ModelIdSchema, type ModelSummary, modelArchiveName } from '@trainyard/core';
import { modelReadme, rawModelSnippets } from '@trainyard/trainers';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.js';
import type { Studio } from '../../studio/createStudio.js';
import { isModelGone, removeModel } from '../../studio/removeModel.js';
import { parseInput } from '../parseInput.js';
import { zipDirectory } from '../zipDirectory.js';

/**
 * Saved models: list and one (each with the run it came from: sweep, number, kind, time), download
 * as a zip named after dataset, framework and run (files + metadata.json + README.md), delete.
 */
export function modelRoutes(app: FastifyInstance, studio: Studio): void {
  const { store, local } = studio;
  const modelId = (raw: string) => parseInput(ModelIdSchema, raw, 'id');
  /** The model with its run's lineage, when the run still exists. */
  const withRun = async (model: ModelSummary): Promise<ModelSummary> => {
    const run = model.runId ? await store.runs.get(model.runId) : undefined;
    if (!run) return model;
    const { id, kind, sweepId, combinationIndex, createdAt } = run;
    return {
      ...model,
      run: {
        id,
        kind,
        createdAt,
        ...(sweepId !== undefined ? { sweepId } : {}),
        ...(combinationIndex !== undefined ? { combinationIndex } : {}),
      },
    };
  };
  const mustGet = async (id: string) => {
    const model = await store.models.get(id);
    if (!model) throw notFound('model', id, '/api/models');
    return withRun(model);
  };

  app.get('/api/models', async () => ({
    models: await Promise.all((await store.models.list()).map(withRun)),
  }));

  app.get<{ Params: { id: string } }>('/api/models/:id', async (request) => ({
    model: await mustGet(modelId(request.params.id)),
  }));

  app.get<{ Params: { id: string } }>('/api/models/:id/download', async (request, reply) => {
    const model = await mustGet(modelId(request.params.id));
    let zip: Awaited<ReturnType<typeof zipDirectory>>;
    try {
      zip = await zipDirectory(await local.models.fetch(model.modelId), {
        'metadata.json': `${JSON.stringify(model, null, 2)}\n`,
        'README.md': `${modelReadme(model)}
${rawModelSnippets(await local.models.get(model.modelId))}`,
      });
    } catch (err) {
      if (!isModelGone(err)) throw err;
      // The files vanished behind our back: forget the row rather than point at nothing (on a
      // shared store, only this machine may lack them).
      if (!store.shared) {
        await store.models.delete(model.modelId);
        await store.runs.forgetModel(model.modelId);
      }
      throw notFound('model', model.modelId, '/api/models');
    }
    return reply
      .type('application/zip')
      .header('Content-Disposition', `attachment; filename="${modelArchiveName(model)}"`)
      .send(zip);
  });

  app.delete<{ Params: { id: string } }>('/api/models/:id', async (request, reply) => {
    const model = await mustGet(modelId(request.params.id));
    await removeModel(studio, model.modelId);
    return reply.status(204).send();
  });
}

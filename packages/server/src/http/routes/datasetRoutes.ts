import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { DatasetIdSchema, DatasetRowsQuerySchema, MlApiError } from '@trainyard/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HttpError, notFound } from '../../errors.js';
import type { Studio } from '../../studio/createStudio.js';
import { parseInput } from '../parseInput.js';
import { receiveMultipartCsv } from '../receiveMultipartCsv.js';
import { saveUpload } from '../saveUpload.js';
import { uploadDirOf, uploadFileName } from '../uploadFiles.js';

const UploadQuerySchema = z.object({
  name: z.string({ error: 'Dataset name is required (?name=)' }).min(1, 'Dataset name is required (?name=)'),
  target: z
    .string({ error: 'Target column is required (?target=)' })
    .min(1, 'Target column is required (?target=)'),
  task: z
    .enum(['classification', 'regression'], {
      error: (issue) => `Task must be classification or regression: ${String(issue.input)}`,
    })
    .optional(),
});

const RenameBodySchema = z.object({
  name: z.string({ error: 'Dataset name is required ({ "name": "..." })' }),
});

const DeleteQuerySchema = z.object({
  force: z
    .enum(['true', 'false'], { error: (issue) => `force must be true or false: ${String(issue.input)}` })
    .optional(),
});

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'];

/**
 * Manifest, one dataset, paginated rows, CSV upload (streamed to a temp file, then imported),
 * rename, delete (a dataset runs were trained on only with ?force=true).
 */
export function datasetRoutes(app: FastifyInstance, studio: Studio, opts: { uploadLimit: number }): void {
  const { registry } = studio.local;
  const uploadDir = uploadDirOf(studio.home);
  const datasetId = (raw: string) => parseInput(DatasetIdSchema, raw, 'id');
  const mustGet = async (id: string) => {
    try {
      return await registry.get(id);
    } catch (err) {
      if (err instanceof MlApiError && err.code === 'NOT_FOUND')
        throw notFound('dataset', id, '/api/datasets');
      throw err;
    }
  };

  // Hand the raw request stream to the upload route: the CSV is never buffered whole in memory.
  app.addContentTypeParser(CSV_TYPES, (_request, payload, done) => done(null, payload));

  app.get('/api/datasets', async () => ({ datasets: await studio.api.getDatasetManifest() }));

  app.get<{ Params: { id: string } }>('/api/datasets/:id', async (request) => ({
    dataset: await mustGet(datasetId(request.params.id)),
  }));

  app.get<{ Params: { id: string } }>('/api/datasets/:id/rows', async (request) => {
    const id = datasetId(request.params.id);
    const page = parseInput(DatasetRowsQuerySchema, request.query);
    await mustGet(id);
    return studio.api.getDatasetRows(id, page);
  });

  app.get<{ Params: { id: string } }>('/api/datasets/:id/summary', async (request) => {
    const id = datasetId(request.params.id);
    await mustGet(id);
    return { summary: await registry.summary(id) };
  });

  // Two ways in: the CSV as the raw body (Content-Type text/csv, fields in the query), or a
  // multipart form with a file field (fields in the form or the query; the name defaults to the file's).
  app.post('/api/datasets', async (request, reply) => {
    const multipart = request.isMultipart();
    // A raw upload is checked before its body is read; a form's fields arrive with it.
    const rawQuery = multipart ? undefined : parseInput(UploadQuerySchema, request.query);
    const body = request.body;
    if (!multipart && (!body || !(Symbol.asyncIterator in (body as object)))) {
      throw new HttpError(
        'VALIDATION',
        'Send the CSV as the request body with Content-Type text/csv, or as a multipart form file field',
        { field: 'body' },
      );
    }
    mkdirSync(uploadDir, { recursive: true });
    const file = join(uploadDir, uploadFileName());
    try {
      let query = rawQuery;
      if (multipart) {
        const form = await receiveMultipartCsv(request, file, opts.uploadLimit);
        const fallbackName = basename(form.filename, extname(form.filename)) || undefined;
        query = parseInput(UploadQuerySchema, {
          ...(fallbackName ? { name: fallbackName } : {}),
          ...(request.query as object),
          ...form.fields,
        });
      } else {
        await saveUpload(body as AsyncIterable<Buffer>, file, { limit: opts.uploadLimit });
      }
      const fields = query!;
      const dataset = await registry.importCsv({
        name: fields.name,
        targetColumn: fields.target,
        filePath: file,
        ...(fields.task ? { task: fields.task } : {}),
      });
      return reply.status(201).send({ dataset });
    } finally {
      await rm(file, { force: true });
    }
  });

  app.patch<{ Params: { id: string } }>('/api/datasets/:id', async (request) => {
    const id = datasetId(request.params.id);
    const { name } = parseInput(RenameBodySchema, request.body ?? {}, 'body');
    const dataset = await mustGet(id);
    if (dataset.builtIn) {
      throw new HttpError('CONFLICT', `Dataset "${id}" is built in and cannot be renamed`, { field: 'id' });
    }
    return { dataset: await registry.rename(id, name) };
  });

  app.delete<{ Params: { id: string } }>('/api/datasets/:id', async (request, reply) => {
    const id = datasetId(request.params.id);
    const { force } = parseInput(DeleteQuerySchema, request.query);
    const dataset = await mustGet(id);
    if (dataset.builtIn) {
      throw new HttpError('CONFLICT', `Dataset "${id}" is built in and cannot be deleted`, { field: 'id' });
    }
    const used = (await studio.store.runs.list({ datasetId: id })).length;
    if (used > 0 && force !== 'true') {
      throw new HttpError(
        'CONFLICT',
        `Dataset "${id}" is used by ${used} run${used === 1 ? '' : 's'}; delete it with ?force=true (the runs and models stay)`,
        { field: 'id' },
      );
    }
    await registry.remove(id);
    return reply.status(204).send();
  });
}

import type { SweepEvent } from '@trainyard/core';
import { matchesSweepFilter, RecordIdSchema, SweepFilterSchema } from '@trainyard/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../errors.js';
import type { Studio } from '../../studio/createStudio.js';
import { openEventStream } from '../eventStream.js';
import { parseInput, patchBody } from '../parseInput.js';

type IdParams = { Params: { id: string } };

const DeleteQuerySchema = z.object({
  models: z
    .enum(['true', 'false'], { error: (issue) => `Models must be true or false: ${String(issue.input)}` })
    .optional(),
});

/**
 * Durable sweeps: create, list (filtered), read, follow over SSE, cancel, resume, label (PATCH),
 * rerun, extend, delete (with `?models=true` their models too).
 */
export function sweepRoutes(app: FastifyInstance, studio: Studio): void {
  const { sweeps } = studio;
  const sweepId = (raw: string) => parseInput(RecordIdSchema, raw, 'id');

  app.post('/api/sweeps', async (request, reply) => {
    // The service validates the raw body once, with the core schema (same messages as the browser).
    const sweep = await sweeps.create(request.body);
    return reply.status(201).send({ sweep });
  });

  app.get('/api/sweeps', async (request) => {
    const filter = parseInput(SweepFilterSchema, request.query);
    return { sweeps: (await sweeps.list()).filter((s) => matchesSweepFilter(s, filter)) };
  });

  app.patch<IdParams>('/api/sweeps/:id', async (request) => ({
    sweep: await sweeps.label(sweepId(request.params.id), patchBody(request.body)),
  }));

  app.delete<IdParams>('/api/sweeps/:id', async (request) => {
    const id = sweepId(request.params.id);
    const { models } = parseInput(DeleteQuerySchema, request.query);
    return { deleted: await sweeps.remove(id, { models: models === 'true' }) };
  });

  app.post<IdParams>('/api/sweeps/:id/rerun', async (request, reply) => {
    const sweep = await sweeps.rerun(sweepId(request.params.id));
    return reply.status(201).send({ sweep });
  });

  app.post<IdParams>('/api/sweeps/:id/extend', async (request, reply) => {
    const sweep = await sweeps.extend(sweepId(request.params.id), request.body);
    return reply.status(202).send({ sweep });
  });

  app.get<IdParams>('/api/sweeps/:id', async (request) => {
    const id = sweepId(request.params.id);
    const sweep = await sweeps.get(id);
    if (!sweep) throw notFound('sweep', id, '/api/sweeps');
    return { sweep, runs: await sweeps.runs(id) };
  });

  app.get<IdParams>('/api/sweeps/:id/events', async (request, reply) => {
    const id = sweepId(request.params.id);
    if (!(await sweeps.get(id))) throw notFound('sweep', id, '/api/sweeps');
    const stream = openEventStream<SweepEvent>(reply, 'sse');
    const send = (e: SweepEvent) => {
      stream.send(e);
      if (e.type === 'done') stream.end();
    };
    // Leaving the stream never cancels the sweep: it is durable and runs on without listeners.
    const unsubscribe = await sweeps.follow(id, send);
    stream.onClose(unsubscribe);
    if (stream.closed) unsubscribe();
    return reply;
  });

  app.post<IdParams>('/api/sweeps/:id/cancel', async (request) => ({
    sweep: await sweeps.cancel(sweepId(request.params.id)),
  }));

  app.post<IdParams>('/api/sweeps/:id/resume', async (request, reply) => {
    const sweep = await sweeps.resume(sweepId(request.params.id));
    return reply.status(202).send({ sweep });
  });
}

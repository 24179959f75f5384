import type { SweepEvent } from '@trainyard/core';
import { RecordIdSchema } from '@trainyard/core';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.js';
import type { Studio } from '../../studio/createStudio.js';
import { openEventStream } from '../eventStream.js';
import { parseInput } from '../parseInput.js';

type IdParams = { Params: { id: string } };

/** Durable sweeps: create, list, read, follow over SSE, cancel, resume. */
export function sweepRoutes(app: FastifyInstance, studio: Studio): void {
  const { sweeps } = studio;
  const sweepId = (raw: string) => parseInput(RecordIdSchema, raw, 'id');

  app.post('/api/sweeps', async (request, reply) => {
    // The service validates the raw body once, with the core schema (same messages as the browser).
    const sweep = await sweeps.create(request.body);
    return reply.status(201).send({ sweep });
  });

  app.get('/api/sweeps', async () => ({ sweeps: await sweeps.list() }));

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

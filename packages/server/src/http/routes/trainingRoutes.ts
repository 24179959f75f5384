import {
  type CallOptions,
  DistillRequestSchema,
  type Framework,
  type StreamLine,
  TensorflowTrainRequestSchema,
  TrainRequestSchema,
} from '@trainyard/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../errors.js';
import type { Studio } from '../../studio/createStudio.js';
import { toErrorResponse } from '../errorHandler.js';
import { openEventStream, streamFormat } from '../eventStream.js';
import { parseInput } from '../parseInput.js';

/**
 * Answers with one JSON body, or (when the client asks for a stream) per-epoch events then the result.
 * A client that disconnects does not cancel the training: the run finishes and its row is stored,
 * so it can be read back from GET /api/runs (the issue: rows persist whether the client stays or leaves).
 */
async function answer<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (o: CallOptions) => Promise<T>,
): Promise<unknown> {
  const format = streamFormat(request);
  if (format === 'json') return work({});
  const stream = openEventStream<StreamLine<T>>(reply, format);
  work({ onEpoch: (event) => stream.send({ type: 'epoch', ...event }) }).then(
    (result) => {
      stream.send({ type: 'result', result });
      stream.end();
    },
    (err: unknown) => {
      const { body, unexpected } = toErrorResponse(err);
      if (unexpected) request.log.error({ err }, 'unexpected error in a streamed training');
      stream.send({ type: 'error', ...body });
      stream.end();
    },
  );
  return reply;
}

/** POST /api/{pytorch,tensorflow}/{train,distill}, validated with the core schemas. */
export function trainingRoutes(app: FastifyInstance, studio: Studio): void {
  const { api } = studio;
  const requireDataset = async (datasetId: string) => {
    if (!(await studio.datasetExists(datasetId)))
      throw notFound('dataset', datasetId, '/api/datasets', 'datasetId');
  };

  app.post('/api/pytorch/train', async (request, reply) => {
    const req = parseInput(TrainRequestSchema, request.body ?? {}, 'body');
    await requireDataset(req.datasetId);
    return answer(request, reply, (o) => api.trainPytorch(req, o));
  });

  app.post('/api/tensorflow/train', async (request, reply) => {
    const req = parseInput(TensorflowTrainRequestSchema, request.body ?? {}, 'body');
    await requireDataset(req.datasetId);
    return answer(request, reply, (o) => api.trainTensorflow(req, o));
  });

  for (const framework of ['pytorch', 'tensorflow'] as const satisfies Framework[]) {
    app.post(`/api/${framework}/distill`, async (request, reply) => {
      const req = parseInput(DistillRequestSchema, request.body ?? {}, 'body');
      // The teacher (exists, framework, dataset) is checked once, by checkTeacher, before a run is stored.
      if (req.datasetId !== undefined) await requireDataset(req.datasetId);
      return answer(request, reply, (o) =>
        framework === 'pytorch' ? api.distillPytorch(req, o) : api.distillTensorflow(req, o),
      );
    });
  }
}

/**
 * Predictions from a saved model: raw rows in, labels and probabilities (classification) or the
 * target in its own units (regression) out, run on ONNX Runtime over the model's model.onnx (the
 * raw-in/raw-out twin both engines export), so no python and no TF.js is involved. Sessions are
 * cached per model and the least recently used one is released past `maxSessions`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MlApiError, type PredictionResult, type PredictRow } from '@trainyard/core';
import { LRUCache } from 'lru-cache';
import * as ort from 'onnxruntime-node';
import type { ModelStore } from './modelStore.js';
import { ONNX_FILE, ONNX_INPUT, ONNX_OUTPUT } from './onnxModel.js';
import { encodeRawRows } from './rawInputs.js';
import { rawColumns } from './rawLayers.js';

export interface ModelPredictorOptions {
  models: Pick<ModelStore, 'dir' | 'get'>;
  /** Sessions kept open; default 8. */
  maxSessions?: number;
}

/**
 * @example
 * const predictor = createModelPredictor({ models: local.models });
 * const { predictions } = await predictor.predict('m_…', [{ 'sepal length (cm)': 5.1, … }]);
 */
export function createModelPredictor(options: ModelPredictorOptions) {
  const sessions = new LRUCache<string, Promise<ort.InferenceSession>>({
    max: options.maxSessions ?? 8,
    dispose: (session) => {
      session.then((s) => s.release()).catch(() => {});
    },
  });

  function session(modelId: string): Promise<ort.InferenceSession> {
    const cached = sessions.get(modelId);
    if (cached) return cached;
    const path = join(options.models.dir(modelId), ONNX_FILE);
    if (!existsSync(path)) {
      throw new MlApiError(
        'CONFLICT',
        `Model ${modelId} has no ${ONNX_FILE} (it was saved before models were exported to ONNX); train it again to get predictions`,
        { field: 'modelId' },
      );
    }
    const created = ort.InferenceSession.create(path);
    sessions.set(modelId, created);
    created.catch(() => sessions.delete(modelId));
    return created;
  }

  return {
    async predict(modelId: string, rows: readonly PredictRow[]): Promise<PredictionResult> {
      const model = await options.models.get(modelId);
      const onnx = session(modelId);
      const meta = model.preprocessing;
      const columns = rawColumns(meta).map((c) => c.name);
      const x = encodeRawRows(meta, rows);
      const result: PredictionResult = { modelId, task: meta.task, columns, predictions: [] };
      if (rows.length === 0) {
        await onnx;
        return result;
      }
      const run = await (await onnx).run({
        [ONNX_INPUT]: new ort.Tensor('float32', x, [rows.length, columns.length]),
      });
      const out = run[ONNX_OUTPUT]!.data as Float32Array;
      if (meta.task === 'regression') {
        result.predictions = Array.from(out);
        return result;
      }
      const labels = meta.labels ?? [];
      const width = labels.length;
      const probabilities: number[][] = [];
      for (let r = 0; r < rows.length; r++) {
        const p = Array.from(out.subarray(r * width, (r + 1) * width));
        let best = 0;
        for (let c = 1; c < width; c++) if (p[c]! > p[best]!) best = c;
        probabilities.push(p);
        result.predictions.push(labels[best]!);
      }
      return { ...result, probabilities, labels };
    },

    /** Releases every cached session. */
    close(): void {
      sessions.clear();
    },
  };
}

export type ModelPredictor = ReturnType<typeof createModelPredictor>;

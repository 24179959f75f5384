import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { EpochEvent } from '@trainyard/core';
import { MlApiError } from '@trainyard/core';
import {
  checkDistillWeights,
  type EngineDistillResult,
  type ModelParams,
  type PreparedData,
  teacherFilesMissing,
} from '../engine.js';
import { toTensors } from './dataTensors.js';
import { distillClassificationLoss, distillRegressionLoss } from './losses.js';
import { accuracy, r2Score } from './metrics.js';
import { metricOf, type Objective, predictionsOf, scoreOf, trainMlp } from './mlpTraining.js';
import { MODEL_JSON } from './modelFileNames.js';
import { loadLayersModelFromDir, predictLogits, saveModelFiles } from './modelFiles.js';
import { hardLabelLoss } from './trainJob.js';

export interface DistillJobInput {
  data: PreparedData;
  teacherDir: string;
  student: ModelParams;
  temperature: number;
  alpha: number;
  compareScratch: boolean;
  modelDir?: string;
  onEpoch?: (event: EpochEvent) => void;
}

async function loadTeacher(dir: string, data: PreparedData, outputDim: number): Promise<tf.LayersModel> {
  try {
    await access(join(dir, MODEL_JSON));
  } catch {
    throw teacherFilesMissing();
  }
  let teacher: tf.LayersModel;
  try {
    teacher = await loadLayersModelFromDir(dir);
  } catch (err) {
    throw new MlApiError('TRAINING_FAILED', 'The teacher model files could not be loaded', { cause: err });
  }
  const inputs = teacher.inputs[0]?.shape[1];
  const outputs = teacher.outputs[0]?.shape[1];
  if (inputs !== data.nFeatures || outputs !== outputDim) {
    teacher.dispose();
    throw new MlApiError(
      'VALIDATION',
      `The teacher model (${inputs} inputs, ${outputs} outputs) does not fit dataset ${data.preprocessing.datasetId} (${data.nFeatures} inputs, ${outputDim} outputs)`,
      { field: 'teacherModelId' },
    );
  }
  return teacher;
}

/**
 * Knowledge distillation (Hinton et al. 2015) of a saved TF.js teacher into a smaller MLP student.
 * The teacher's logits are computed once for both splits; `alpha` weighs its soft targets and
 * 1 − alpha the hard labels. Reported losses are the distillation objective. With `compareScratch`
 * the same student (same seed) is also trained on the hard labels alone, so the gain shows.
 */
export async function runDistillJob(input: DistillJobInput): Promise<EngineDistillResult> {
  const started = performance.now();
  const { data, student, temperature, alpha } = input;
  checkDistillWeights(input);
  const t = toTensors(data);
  const owned: Array<{ dispose(): void }> = [t];
  try {
    const teacher = await loadTeacher(input.teacherDir, data, t.outputDim);
    owned.push(teacher);
    const teacherTrain = predictLogits(teacher, t.xTrain);
    const teacherTest = predictLogits(teacher, t.xTest);
    owned.push(teacherTrain, teacherTest);
    const teacherOut = teacherTest.dataSync() as Float32Array;
    const teacherPred = predictionsOf(data.task, teacherOut, t.outputDim);

    const objective: Objective = {
      loss:
        data.task === 'classification'
          ? (out, [y, soft]) => distillClassificationLoss(out, y!, soft!, temperature, alpha)
          : (out, [y, soft]) => distillRegressionLoss(out, y!, soft!, alpha),
      trainTargets: [t.yTrain, teacherTrain],
      testTargets: [t.yTest, teacherTest],
    };
    const trained = trainMlp(t, student, objective, input.onEpoch ? { onEpoch: input.onEpoch } : {});
    owned.push(trained.mlp);
    const studentPred = predictionsOf(data.task, trained.testOutputs, t.outputDim);

    let scratchScore: number | undefined;
    if (input.compareScratch) {
      const lossFn = hardLabelLoss(data.task);
      const scratch = trainMlp(t, student, {
        loss: (out, [y]) => lossFn(out, y!),
        trainTargets: [t.yTrain],
        testTargets: [t.yTest],
      });
      scratch.mlp.dispose();
      scratchScore = scoreOf(
        data.task,
        predictionsOf(data.task, scratch.testOutputs, t.outputDim),
        data.yTest,
      );
    }

    let files: string[] = [];
    if (input.modelDir) {
      files = await saveModelFiles(
        trained.mlp,
        data.task,
        trained.mlp.variables,
        input.modelDir,
        data.preprocessing,
        {
          trainyard: {
            framework: 'tensorflow',
            params: student,
            preprocessing: data.preprocessing,
            distillation: { temperature, alpha },
          },
        },
      );
    }
    const last = trained.history[trained.history.length - 1]!;
    return {
      metric_name: metricOf(data.task),
      teacher_score: scoreOf(data.task, teacherPred, data.yTest),
      student_score: scoreOf(data.task, studentPred, data.yTest),
      ...(scratchScore === undefined ? {} : { scratch_score: scratchScore }),
      teacher_parameters: teacher.countParams(),
      student_parameters: trained.mlp.parameterCount,
      agreement:
        data.task === 'classification'
          ? accuracy(studentPred, teacherPred)
          : r2Score(trained.testOutputs, teacherOut),
      train_loss: last.train_loss,
      test_loss: last.test_loss,
      history: trained.history,
      durationMs: Math.round(performance.now() - started),
      files,
    };
  } finally {
    for (const o of owned.reverse()) o.dispose();
  }
}

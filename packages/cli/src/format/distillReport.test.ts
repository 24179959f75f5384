import { pickCombination } from '@trainyard/core';
import { storedRun } from '@trainyard/core/testing';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { formatDistillReport } from './distillReport.js';

const colors = pc.createColors(false);
const teacher = {
  modelId: 'mdl-t',
  framework: 'pytorch' as const,
  datasetId: 'iris',
  task: 'classification' as const,
  params: { ...pickCombination(storedRun()), seed: 42 },
};
const metrics = {
  metric_name: 'accuracy' as const,
  teacher_score: 0.9667,
  student_score: 0.9333,
  teacher_parameters: 4675,
  student_parameters: 67,
  compression_ratio: 69.78,
  agreement: 0.9667,
  train_loss: 0.2,
  test_loss: 0.25,
  temperature: 4,
  alpha: 0.7,
};

describe('formatDistillReport', () => {
  it('puts teacher and student side by side with compression ratio, agreement and what alpha means', () => {
    const text = formatDistillReport(
      { teacher, studentModelId: 'mdl-s', student: { hiddenDim: 8, numHiddenLayers: 1 }, metrics },
      colors,
    );
    expect(text).toMatch(/accuracy\s*│ 0\.9667\s*│ 0\.9333/);
    expect(text).toMatch(/parameters\s*│ 4,675\s*│ 67/);
    expect(text).toContain('compression ratio: 69.8× fewer parameters');
    expect(text).toContain('agreement: 96.7% of test rows get the same class');
    expect(text).toContain("alpha 0.7 (alpha is the weight on the teacher's soft targets");
    expect(text).not.toContain('from scratch');
  });

  it('adds the from-scratch column and what distillation bought when it was trained', () => {
    const text = formatDistillReport(
      {
        teacher,
        studentModelId: 'mdl-s',
        student: { hiddenDim: 8, numHiddenLayers: 1 },
        metrics: { ...metrics, scratch_score: 0.9 },
      },
      colors,
    );
    expect(text).toContain('student from scratch');
    expect(text).toContain('distilled student vs the same student trained from scratch: +0.0333 accuracy');
  });

  it('words agreement as R² for regression', () => {
    const text = formatDistillReport(
      {
        teacher: { ...teacher, task: 'regression' },
        studentModelId: 'mdl-s',
        student: { hiddenDim: 8, numHiddenLayers: 1 },
        metrics: { ...metrics, metric_name: 'r2', agreement: 0.91 },
      },
      colors,
    );
    expect(text).toContain("agreement: R² 0.9100 of the student's predictions against the teacher's");
  });
});

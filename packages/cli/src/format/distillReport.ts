import type { DistillMetrics, ModelSummary, TrainingCombination } from '@trainyard/core';
import type { Colors } from '../colors.js';
import { formatCount, formatScore } from './numbers.js';
import { renderTable } from './table.js';

export interface DistillReportInput {
  teacher: Pick<ModelSummary, 'modelId' | 'framework' | 'datasetId' | 'task' | 'params'>;
  studentModelId: string;
  student: Pick<TrainingCombination, 'hiddenDim' | 'numHiddenLayers'>;
  metrics: DistillMetrics;
}

/** Teacher vs student side by side: score, parameters, compression ratio, agreement, and what alpha means. */
export function formatDistillReport(input: DistillReportInput, c: Colors): string {
  const { teacher, metrics: m } = input;
  const scratch = m.scratch_score !== undefined;
  const size = (p: Pick<TrainingCombination, 'hiddenDim' | 'numHiddenLayers'>, linear = false) =>
    linear ? 'linear' : `${p.numHiddenLayers}×${p.hiddenDim}`;
  const head = ['', 'teacher', 'student', ...(scratch ? ['student from scratch'] : [])];
  const rows = [
    [
      m.metric_name,
      formatScore(m.teacher_score),
      c.bold(formatScore(m.student_score)),
      ...(scratch ? [formatScore(m.scratch_score)] : []),
    ],
    [
      'parameters',
      formatCount(m.teacher_parameters),
      formatCount(m.student_parameters),
      ...(scratch ? [formatCount(m.student_parameters)] : []),
    ],
    [
      'hidden layers',
      size(teacher.params, teacher.params.mode === 'linear'),
      size(input.student),
      ...(scratch ? [size(input.student)] : []),
    ],
    ['model', teacher.modelId, input.studentModelId, ...(scratch ? ['(not kept)'] : [])],
  ];
  const agreement =
    teacher.task === 'regression'
      ? `R² ${formatScore(m.agreement)} of the student's predictions against the teacher's`
      : `${(m.agreement * 100).toFixed(1)}% of test rows get the same class from student and teacher`;
  return [
    `Distilled ${teacher.framework} teacher ${teacher.modelId} (${teacher.datasetId}) into student ${input.studentModelId}`,
    renderTable(head, rows),
    `compression ratio: ${m.compression_ratio.toFixed(1)}× fewer parameters`,
    `agreement: ${agreement}`,
    `temperature ${m.temperature}, alpha ${m.alpha} (alpha is the weight on the teacher's soft targets; 1 − alpha weighs the hard labels)`,
    ...(scratch
      ? [
          `distilled student vs the same student trained from scratch: ${signed(m.student_score - (m.scratch_score ?? 0))} ${m.metric_name}`,
        ]
      : []),
    `export the student: trainyard models export ${input.studentModelId} <dir>`,
  ].join('\n');
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(4)}`;
}

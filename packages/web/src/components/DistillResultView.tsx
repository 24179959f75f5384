import type { DistillResult } from '@trainyard/core';
import { formatCount, formatMetric } from '../util/formatNumber.js';
import { ModelDownloadLink } from './ModelDownloadLink.js';
import { StatusMessage } from './StatusMessage.js';

/** Teacher vs student side by side (score, parameters, compression), and the student's download. */
export function DistillResultView(props: { result: DistillResult }) {
  const { result } = props;
  if (result.status === 'error')
    return <StatusMessage kind="error">Distillation failed: {result.error}</StatusMessage>;
  const m = result.metrics;
  return (
    <section className="distill-result" aria-label="Distillation result">
      <p className="muted">
        Teacher vs student ({m.metric_name}; alpha {m.alpha} is the weight on the teacher's soft targets,
        temperature {m.temperature})
      </p>
      <table className="data-table compare" aria-label="Teacher vs student">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">Teacher</th>
            <th scope="col">Student</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Score ({m.metric_name})</th>
            <td>{formatMetric(m.teacher_score)}</td>
            <td>{formatMetric(m.student_score)}</td>
          </tr>
          <tr>
            <th scope="row">Parameters</th>
            <td>{formatCount(m.teacher_parameters)}</td>
            <td>{formatCount(m.student_parameters)}</td>
          </tr>
          {m.scratch_score !== undefined && (
            <tr>
              <th scope="row">Same student from scratch</th>
              <td />
              <td>{formatMetric(m.scratch_score)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <p>
        Compression ratio <strong>{m.compression_ratio.toFixed(1)}×</strong> · agreement with the teacher{' '}
        <strong>{formatMetric(m.agreement)}</strong>
      </p>
      <ModelDownloadLink modelId={result.modelId} label="Download student model" />
    </section>
  );
}

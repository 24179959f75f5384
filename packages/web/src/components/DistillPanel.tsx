import type { RunRow, TensorflowMode } from '@trainyard/core';
import { type FormEvent, useEffect, useId } from 'react';
import type { Distillation, StudentField } from '../hooks/useDistillation.js';
import { formatCount, formatMetric } from '../util/formatNumber.js';
import { DistillResultView } from './DistillResultView.js';
import { TextField } from './TextField.js';

/** Labels of the student settings; alpha's says what it weighs (the teacher's soft targets). */
const STUDENT_LABELS: Record<StudentField, string> = {
  hiddenDim: 'Student hidden dim',
  numHiddenLayers: 'Student hidden layers',
  temperature: 'Temperature',
  alpha: "Alpha (weight on the teacher's soft targets)",
  epochs: 'Student epochs',
  batchSize: 'Student batch size',
  learningRate: 'Student learning rate',
};

function StudentInput(props: { field: StudentField; distillation: Distillation; disabled: boolean }) {
  const { field, distillation, disabled } = props;
  return (
    <TextField
      label={STUDENT_LABELS[field]}
      value={distillation.fields[field]}
      onChange={(text) => distillation.setField(field, text)}
      error={distillation.errors[field]}
      disabled={disabled}
    />
  );
}

export interface TeacherOption {
  label: string;
  row: RunRow & { parameterCount?: number; mode?: TensorflowMode };
}

/** The distillation panel: teacher among completed runs, student settings, teacher vs student. */
export function DistillPanel(props: {
  distillation: Distillation;
  teachers: TeacherOption[];
  defaultTeacherModelId: string | null;
  onDone?: () => void;
}) {
  const { distillation: d, teachers, defaultTeacherModelId, onDone } = props;
  const teacherId = useId();
  const running = d.state.status === 'running';
  const { teacherModelId, setTeacherModelId } = d;

  // Follow the best run until the user picks a teacher that still exists.
  useEffect(() => {
    const stillThere = teachers.some((t) => t.row.modelId === teacherModelId);
    if (!stillThere) setTeacherModelId(defaultTeacherModelId);
  }, [teachers, teacherModelId, defaultTeacherModelId, setTeacherModelId]);

  const done = d.state.status === 'done' ? d.state.result : null;
  useEffect(() => {
    if (done?.status === 'ok') onDone?.();
  }, [done, onDone]);

  function submit(e: FormEvent) {
    e.preventDefault();
    void d.run();
  }

  const teacher = teachers.find((t) => t.row.modelId === teacherModelId)?.row;
  return (
    <form className="card distill" onSubmit={submit} aria-label="Distillation">
      <h3>Distillation</h3>
      {teachers.length === 0 ? (
        <p className="status status-empty">Train a model first: the teacher is one of the completed runs.</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={teacherId}>Teacher</label>
            <select
              id={teacherId}
              value={teacherModelId ?? ''}
              onChange={(e) => setTeacherModelId(e.target.value || null)}
              disabled={running}
            >
              {teachers.map((t) => (
                <option key={t.row.modelId} value={t.row.modelId}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
          <div className="form-grid">
            {(Object.keys(STUDENT_LABELS) as StudentField[]).map((f) => (
              <StudentInput key={f} field={f} distillation={d} disabled={running} />
            ))}
          </div>
          <div className="field field-switch">
            <input
              id={`${teacherId}-scratch`}
              type="checkbox"
              checked={d.compareScratch}
              onChange={(e) => d.setCompareScratch(e.target.checked)}
              disabled={running}
            />
            <label htmlFor={`${teacherId}-scratch`}>
              Also train the student from scratch, for comparison
            </label>
          </div>
          <div className="form-actions">
            <button type="submit" disabled={!d.canRun}>
              Distil
            </button>
            <button type="button" onClick={d.cancel} disabled={!running}>
              Cancel distillation
            </button>
            {running && (
              <span className="muted" role="status">
                Distilling…
                {d.state.status === 'running' && d.state.epoch
                  ? ` epoch ${d.state.epoch.epoch} / ${d.state.epoch.epochs}, loss ${formatMetric(d.state.epoch.train_loss)}`
                  : ''}
              </span>
            )}
          </div>
          {teacher && !done && (
            <p className="muted">
              Teacher: {teacher.metric_name} {formatMetric(teacher.metric_score)},{' '}
              {teacher.mode === 'linear'
                ? 'linear model'
                : `${teacher.numHiddenLayers}×${teacher.hiddenDim} hidden units`}{' '}
              {teacher.parameterCount !== undefined && `(${formatCount(teacher.parameterCount)} parameters)`}
            </p>
          )}
        </>
      )}
      {d.state.status === 'cancelled' && <p className="status">Distillation cancelled.</p>}
      {done && <DistillResultView result={done} />}
    </form>
  );
}

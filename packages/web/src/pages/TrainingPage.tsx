import type { Framework, HealthInfo, StoredRun } from '@trainyard/core';
import { bestRunIndex, countSweep, describeOtherCounts, teacherCandidates } from '@trainyard/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { DatasetPicker } from '../components/DatasetPicker.js';
import { DistillPanel, type TeacherOption } from '../components/DistillPanel.js';
import { LossChart } from '../components/LossChart.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { RunTable } from '../components/RunTable.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { SweepForm } from '../components/SweepForm.js';
import type { DatasetManifest } from '../hooks/useDatasetManifest.js';
import type { Distillation } from '../hooks/useDistillation.js';
import { useRunHistory } from '../hooks/useRunHistory.js';
import type { SweepTraining } from '../hooks/useSweepTraining.js';
import { formatMetric } from '../util/formatNumber.js';

const TITLES: Record<Framework, string> = { pytorch: 'PyTorch', tensorflow: 'TensorFlow' };

/** Core's teacher candidates with core's labels (sweep, run number, time, score). */
function teacherOptions(
  sessionRows: TeacherOption['row'][],
  stored: StoredRun[] | undefined,
  datasetId: string | null,
): TeacherOption[] {
  return teacherCandidates(sessionRows, stored, datasetId).map(({ row, label }) => ({ row, label }));
}

/** A framework page: dataset, sweep form, progress, run table with loss curves, distillation. */
export function TrainingPage(props: {
  framework: Framework;
  manifest: DatasetManifest;
  training: SweepTraining;
  distillation: Distillation;
  health: HealthInfo | undefined;
  linear?: { on: boolean; set(on: boolean): void };
}) {
  const { framework, manifest, training, distillation, health, linear } = props;
  const datasetId = manifest.state.selectedDatasetId;
  const { state, histories } = training;
  const running = state.status === 'running';
  const [historyVersion, setHistoryVersion] = useState(0);
  // Reload the history when a sweep ends and after each distillation (new teachers to pick from).
  const history = useRunHistory(
    { framework, datasetId: datasetId ?? undefined },
    `${state.status}:${historyVersion}`,
  );
  const bumpHistory = useCallback(() => setHistoryVersion((v) => v + 1), []);
  const [picked, setPicked] = useState<number | null>(null);

  const engine = health?.engines[framework];
  const engineProblem = engine && !engine.available ? engine.message : null;
  const best = bestRunIndex(state.rows);
  // The same counts the API and the CLI name: done = completed combinations, then the others.
  const counts = countSweep(state.rows);
  // A durable sweep's rows sit in grid order and its curves by combination index; a browser
  // sweep's rows carry no index and share the curves' order.
  const combinationOfRow = (i: number) =>
    (state.rows[i] as Partial<StoredRun> | undefined)?.combinationIndex ?? i;
  const shown =
    picked !== null && picked < state.rows.length
      ? picked
      : running
        ? (state.current?.index ?? null)
        : best >= 0
          ? best
          : null;
  const showingLive = !(picked !== null && picked < state.rows.length) && running;
  const curveIndex = shown === null ? null : showingLive ? shown : combinationOfRow(shown);
  const selectedRow =
    shown === null
      ? null
      : showingLive
        ? state.sweepId === undefined
          ? shown
          : state.rows.findIndex((_, i) => combinationOfRow(i) === shown)
        : shown;
  // Reattached to a sweep of another dataset (reload, other tab): show that dataset.
  const { select } = manifest;
  useEffect(() => {
    if (state.sweepId && state.datasetId) select(state.datasetId);
  }, [state.sweepId, state.datasetId, select]);
  // DR-004: this sweep's linear rows carry a fixed shape; tag them so the table says "linear".
  const rows = useMemo(
    () =>
      training.rowsMode === 'linear'
        ? state.rows.map((r) => ({ ...r, mode: 'linear' as const }))
        : state.rows,
    [state.rows, training.rowsMode],
  );
  const sessionRows = training.datasetId === datasetId ? rows : [];
  const teachers = useMemo(
    () => teacherOptions(sessionRows, history.state.data, datasetId),
    [sessionRows, history.state.data, datasetId],
  );
  const measuredMs = useMemo(
    () => (history.state.data ?? []).flatMap((r) => (r.durationMs === undefined ? [] : [r.durationMs])),
    [history.state.data],
  );
  const bestSession = bestRunIndex(sessionRows);
  const bestStored = bestRunIndex(teachers.map((t) => t.row));
  const defaultTeacher = sessionRows[bestSession]?.modelId ?? teachers[bestStored]?.row.modelId ?? null;

  return (
    <section aria-labelledby={`${framework}-title`}>
      <h2 id={`${framework}-title`}>{TITLES[framework]}</h2>
      {engineProblem && (
        <StatusMessage kind="error">
          The {TITLES[framework]} engine is unavailable: {engineProblem}
        </StatusMessage>
      )}
      <div className="card">
        <DatasetPicker
          options={manifest.state.options}
          value={datasetId}
          onChange={manifest.select}
          disabled={running}
        />
      </div>
      <SweepForm
        training={training}
        datasetId={datasetId}
        engineProblem={engineProblem}
        linear={linear}
        measuredMs={measuredMs}
      />

      {state.status !== 'idle' && (
        <div className="card progress-card">
          <ProgressBar done={state.done} total={state.total} />
          <p role="status" className="muted">
            {state.status === 'running' &&
              (state.current
                ? `Training combination ${state.current.index + 1} of ${state.total}` +
                  (state.current.epoch
                    ? `: epoch ${state.current.epoch.epoch} / ${state.current.epoch.epochs}, train loss ${formatMetric(state.current.epoch.train_loss)}, test loss ${formatMetric(state.current.epoch.test_loss)}${state.current.epoch.val_score === undefined ? '' : `, val score ${formatMetric(state.current.epoch.val_score)}`}`
                    : '…')
                : 'Starting…')}
            {state.status === 'done' &&
              `Sweep finished: ${state.rows.length} runs, ${counts.done} completed${describeOtherCounts(counts)}.`}
            {state.status === 'cancelled' &&
              `Sweep cancelled: ${counts.done} of ${state.total} combinations completed${describeOtherCounts(counts)}.`}
          </p>
          {state.status === 'failed' && (
            <StatusMessage kind="error">Sweep failed: {state.error}</StatusMessage>
          )}
        </div>
      )}

      <div className="card">
        <h3>Runs</h3>
        {state.rows.length === 0 ? (
          <p className="status status-empty">No runs yet: set up a sweep and press Start.</p>
        ) : (
          <RunTable
            rows={rows}
            caption={`${TITLES[framework]} runs of this sweep`}
            csvName={`${framework}-${training.datasetId ?? 'runs'}.csv`}
            selectedIndex={selectedRow !== null && selectedRow >= 0 ? selectedRow : null}
            onSelect={setPicked}
          />
        )}
        {curveIndex !== null && (histories[curveIndex]?.length ?? 0) > 0 && (
          <LossChart
            history={histories[curveIndex] ?? []}
            title={`Loss curve of run #${(selectedRow !== null && selectedRow >= 0 ? selectedRow : curveIndex) + 1}`}
          />
        )}
      </div>

      <DistillPanel
        distillation={distillation}
        teachers={teachers}
        defaultTeacherModelId={defaultTeacher}
        onDone={bumpHistory}
      />
    </section>
  );
}

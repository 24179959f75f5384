import {
  bestConfigExport,
  bestRun,
  compareFrameworks,
  type ExportSelection,
  parameterImportance,
  scoredRuns,
} from '@trainyard/core';
import { useMemo, useState } from 'react';
import type { AnalysisRun } from './analysisRun.js';
import { BestConfigView } from './BestConfigView.js';
import { CompareCurves } from './CompareCurves.js';
import { CompareTable } from './CompareTable.js';
import { FrameworkView } from './FrameworkView.js';
import { ImportanceView } from './ImportanceView.js';
import { ParallelCoordinatesView } from './ParallelCoordinatesView.js';
import { ScoreScatterView } from './ScoreScatterView.js';

const VIEWS = [
  ['compare', 'Compare'],
  ['parallel', 'Parallel coordinates'],
  ['scatter', 'Score by parameter'],
  ['importance', 'Importance'],
  ['best', 'Best configuration'],
  ['engines', 'PyTorch vs TensorFlow'],
] as const;
export type AnalysisViewName = (typeof VIEWS)[number][0];

/**
 * The analysis of a set of runs (a sweep, or the Runs page as filtered), one view at a time:
 * compare the ticked runs, parallel coordinates (brushing filters the run table through
 * `onBrush`), score against each parameter, parameter importance, the best configuration to copy,
 * and PyTorch against TensorFlow. Every number comes from core's analysis, as in
 * `trainyard sweep report`. Loaded on demand (its own chunk with ECharts).
 */
export function RunAnalysis(props: {
  runs: readonly AnalysisRun[];
  /** Ids of the runs ticked in the table's Compare column. */
  compared: readonly string[];
  onBrush: (ids: ReadonlySet<string> | null) => void;
  /** The sweep's selection fields, for the exported configuration. */
  selection?: ExportSelection;
}) {
  const { runs, compared, onBrush, selection } = props;
  const [view, setView] = useState<AnalysisViewName>(compared.length >= 2 ? 'compare' : 'parallel');
  const scored = useMemo(() => scoredRuns(runs), [runs]);
  const best = useMemo(() => runs[bestRun(runs).index], [runs]);
  const comparedRuns = useMemo(
    () => compared.flatMap((id) => runs.filter((r) => r.id === id)),
    [runs, compared],
  );
  const metricName = scored.metricName || 'score';

  return (
    <section className="card run-analysis" aria-label="Analysis">
      <h3>Analysis</h3>
      <div role="tablist" aria-label="Analysis views" className="tabs">
        {VIEWS.map(([name, label]) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`analysis-tab-${name}`}
            aria-selected={view === name}
            aria-controls="analysis-panel"
            onClick={(e) => {
              setView(name);
              // On a phone the tabs scroll sideways: keep the chosen one in sight.
              e.currentTarget.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
            }}
          >
            {label}
            {name === 'compare' && compared.length > 0 ? ` (${compared.length})` : ''}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id="analysis-panel"
        aria-labelledby={`analysis-tab-${view}`}
        className="analysis-panel"
      >
        {view === 'compare' &&
          (comparedRuns.length < 2 ? (
            <p className="muted">
              Tick 2 to 10 runs in the Compare column of the run table to overlay their curves.
            </p>
          ) : (
            <>
              <CompareCurves runs={comparedRuns} metricName={metricName} />
              <CompareTable runs={comparedRuns} metricName={metricName} />
            </>
          ))}
        {view === 'parallel' && (
          <ParallelCoordinatesView scored={scored} bestRunId={best?.id} onBrush={onBrush} />
        )}
        {view === 'scatter' && <ScoreScatterView scored={scored} bestRunId={best?.id} />}
        {view === 'importance' && <Importance runs={runs} />}
        {view === 'best' && <Best runs={runs} selection={selection} />}
        {view === 'engines' && <Engines runs={runs} />}
      </div>
    </section>
  );
}

function Importance(props: { runs: readonly AnalysisRun[] }) {
  const importance = useMemo(() => parameterImportance(props.runs), [props.runs]);
  return <ImportanceView importance={importance} />;
}

function Best(props: { runs: readonly AnalysisRun[]; selection?: ExportSelection }) {
  const { runs, selection } = props;
  const config = useMemo(() => bestConfigExport(runs, selection), [runs, selection]);
  return <BestConfigView config={config} runNumber={runs.find((r) => r.id === config?.runId)?.number} />;
}

function Engines(props: { runs: readonly AnalysisRun[] }) {
  const comparisons = useMemo(() => compareFrameworks(props.runs), [props.runs]);
  return <FrameworkView comparisons={comparisons} runs={props.runs} />;
}

import { type BestConfig, scoreLabel } from '@trainyard/core';
import { formatMetric } from '../../util/formatNumber.js';
import { CopyBlock } from './CopyBlock.js';

/**
 * The best run's configuration (core's bestConfigExport, as `trainyard sweep report` prints it) to
 * copy: a CLI command, the JSON body for POST /api/sweeps, the core TrainingCombination.
 */
export function BestConfigView(props: { config: BestConfig | null; runNumber?: number }) {
  const { config, runNumber } = props;
  if (!config) return <p className="muted">No completed run yet (or the runs mix datasets).</p>;
  return (
    <div className="best-config">
      <p>
        Best: run #{runNumber ?? '?'} ({scoreLabel(config.metric, config.metricName)}{' '}
        {formatMetric(config.score)}). Each form trains it again with the same seed and selection.
      </p>
      <CopyBlock title="CLI command" text={config.cliCommand} />
      <CopyBlock title="JSON for POST /api/sweeps" text={JSON.stringify(config.apiBody, null, 2)} />
      <CopyBlock title="TrainingCombination" text={JSON.stringify(config.combination, null, 2)} />
    </div>
  );
}

import {
  DatasetIdSchema,
  FrameworkSchema,
  MAX_TAG_LENGTH,
  RUN_PARAMS,
  type RunParam,
  type RunRangeFilter,
} from '@trainyard/core';
import type { HistoryFilter } from '../components/HistoryFilters.js';
import { optionalNumber } from '../util/optionalNumber.js';

/** The filters of the Runs page, as its URL (`#/runs?framework=pytorch&minScore=0.9`) names them. */
export interface RunsView {
  filter: HistoryFilter;
  range: RunRangeFilter;
  /** As typed (the page trims it when asking the server). */
  tag: string;
}

/**
 * Framework and dataset from URL parameters (Runs and Sweeps pages); a value the core schemas
 * refuse is left out, so a bad link shows every framework or dataset instead of failing.
 *
 * @example historyFilterOf({ framework: 'pytorch', datasetId: '../x' }) // { framework: 'pytorch' }
 */
export function historyFilterOf(params: Record<string, string>): HistoryFilter {
  const f: HistoryFilter = {};
  const framework = FrameworkSchema.safeParse(params.framework);
  if (framework.success) f.framework = framework.data;
  const datasetId = DatasetIdSchema.safeParse(params.datasetId);
  if (datasetId.success) f.datasetId = datasetId.data;
  return f;
}

/**
 * The Runs page's filters from its URL parameters; each bad or unknown value is ignored (that field
 * stays empty), never an error.
 *
 * @example runsViewOf({ minScore: 'abc', param: 'epochs', value: '5' }).range // { param: 'epochs', value: 5 }
 */
export function runsViewOf(params: Record<string, string>): RunsView {
  const range: RunRangeFilter = {};
  const minScore = optionalNumber(params.minScore ?? '');
  if (minScore !== undefined) range.minScore = minScore;
  const maxScore = optionalNumber(params.maxScore ?? '');
  if (maxScore !== undefined) range.maxScore = maxScore;
  if ((RUN_PARAMS as readonly string[]).includes(params.param ?? '')) {
    range.param = params.param as RunParam;
    const value = optionalNumber(params.value ?? '');
    if (value !== undefined) range.value = value;
  }
  const tag = params.tag ?? '';
  return {
    filter: historyFilterOf(params),
    range,
    tag: tag.trim() !== '' && tag.length <= MAX_TAG_LENGTH ? tag : '',
  };
}

/**
 * The URL parameters of the Runs page's filters; empty filters are left out (hashOf drops them).
 *
 * @example runsViewParams({ filter: {}, range: { minScore: 0.9 }, tag: '' }) // { minScore: '0.9', ... }
 */
export function runsViewParams(view: RunsView): Record<string, string | undefined> {
  const text = (n: number | undefined) => (n === undefined ? undefined : String(n));
  return {
    framework: view.filter.framework,
    datasetId: view.filter.datasetId,
    minScore: text(view.range.minScore),
    maxScore: text(view.range.maxScore),
    param: view.range.param,
    value: view.range.param ? text(view.range.value) : undefined,
    tag: view.tag.trim() === '' ? undefined : view.tag,
  };
}

// @trainyard/core public API: the ml-training spec layer, shared schemas and types, HTTP MlApi client.

export {
  type BestConfig,
  bestConfigExport,
  type ExportedRun,
  type ExportSelection,
} from './analysis/bestConfigExport.js';
export {
  type ChartOption,
  type ChartPoint,
  type CurveRun,
  curvesOption,
  importanceChartOption,
  paramLabel,
  scoreLabel,
  scoreScatterGridOption,
  scoreScatterOption,
} from './analysis/chartOptions.js';
export { COMPARED_FIELDS, type ComparedField, differingParameters } from './analysis/differingParameters.js';
export {
  type ComparedRun,
  compareFrameworks,
  type EngineRun,
  type FrameworkComparison,
  type FrameworkPair,
} from './analysis/frameworkComparison.js';
export {
  niceExtent,
  parallelBox,
  parallelCoordinatesOption,
  parallelValues,
} from './analysis/parallelCoordinatesOption.js';
export {
  type ImportanceLevel,
  type ImportanceOptions,
  type ParameterImportance,
  type ParameterShare,
  parameterImportance,
} from './analysis/parameterImportance.js';
export { type PredictionAgreement, predictionAgreement } from './analysis/predictionAgreement.js';
export {
  type AnalysedRun,
  type ScoredRuns,
  type SelectionMetric,
  scoredRuns,
} from './analysis/scoredRuns.js';
export { topRuns } from './analysis/topRuns.js';
export { type BestRun, bestRun, bestRunIndex, type RankedRow } from './bestRun.js';
export { csvBytesProblem } from './csvBytesProblem.js';
export { loadDatasetManifest, resolveSelectedDatasetId } from './datasetManifest.js';
export {
  createDatasetRowsCache,
  type DatasetRowsCache,
  type DatasetRowsCacheOptions,
} from './datasetRowsCache.js';
export { DEFAULT_SEED } from './defaultSeed.js';
export {
  type DistillationOptions,
  type DistillResult,
  runPytorchDistillation,
  runTensorflowDistillation,
} from './distillation.js';
export type { EngineStatusInfo } from './engineStatus.js';
export { type ErrorBody, type ErrorCode, errorMessage, MlApiError } from './errors.js';
export {
  checkNumber,
  FIELD_RULES,
  formatBounds,
  isWithinBounds,
  type NumericField,
  type NumericFieldRule,
  SWEEP_LIST_FIELDS,
  type SweepListField,
} from './fieldRules.js';
export { createHttpMlApi, type HttpMlApiOptions } from './http/createHttpMlApi.js';
export {
  createHttpStudioClient,
  type DatasetUpload,
  type HttpStudioClient,
  type RunFilter,
  readSweepEvents,
  toSweepEvent,
} from './http/createHttpStudioClient.js';
export {
  CLIENT_HEADER,
  type Fetch,
  type HttpClientOptions,
  type HttpRequestInit,
  type HttpResponse,
} from './http/httpTransport.js';
export { readLines } from './http/readLines.js';
export { codeForStatus, errorFromBody, errorFromResponse } from './http/responseError.js';
export {
  encodeStreamLine,
  encodeStreamMessage,
  NDJSON_CONTENT_TYPE,
  readServerSentEvents,
  SSE_CONTENT_TYPE,
  STREAM_CONTENT_TYPES,
  type StreamFormat,
  type StreamLine,
} from './http/streamLine.js';
export {
  applyLinearBaseline,
  isIgnoredByLinear,
  LINEAR_BASELINE_PARAMS,
  type LinearIgnoredParam,
} from './linearBaseline.js';
export type { MlApi } from './mlApi.js';
export { type ArchiveModel, modelArchiveName } from './modelArchiveName.js';
export {
  MAX_LIST_VALUES,
  numberOrText,
  type ParseResult,
  parseNumberList,
  parsePlainDecimal,
} from './parseNumberList.js';
export { predictionTable } from './predictionTable.js';
export {
  createProgressFanout,
  type ProgressFanout,
  type ProgressFanoutOptions,
  type ProgressHooks,
} from './progressFanout.js';
export { paramValues, RUN_PARAMS, type RunParam, type RunRangeFilter, runMatches } from './runFilter.js';
export { formatDuration, type RunKindLabel, runKindLabel, runNumber } from './runLabel.js';
export { completedRunRow, distilledRunRow, failedRunRow, pickCombination } from './runRows.js';
export {
  allAborted,
  type RunControl,
  type RunOutcome,
  RunStop,
  runOutcome,
  type StopReason,
  stopOf,
  trainingSignal,
} from './runStop.js';
export { DatasetRowsQuerySchema, DEFAULT_ROWS_LIMIT } from './schemas/datasetRowsQuerySchema.js';
export { ERROR_CODES, ErrorBodySchema } from './schemas/errorBodySchema.js';
export { firstSchemaError, parseOrThrow } from './schemas/firstSchemaError.js';
export { DatasetIdSchema, ID_PATTERN, ModelIdSchema, RecordIdSchema } from './schemas/ids.js';
export {
  type LabelsPatch,
  LabelsPatchSchema,
  MAX_NAME_LENGTH,
  MAX_NOTES_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
} from './schemas/labelsSchema.js';
export { numberField } from './schemas/numberField.js';
export { SweepFilterSchema } from './schemas/sweepFilterSchema.js';
export { SweepRequestSchema } from './schemas/sweepRequestSchema.js';
export {
  DistillRequestSchema,
  FrameworkSchema,
  PATIENCE_NEEDS_VALIDATION,
  refineSelection,
  SelectionShape,
  TensorflowModeSchema,
  TensorflowTrainRequestSchema,
  TrainingCombinationShape,
  TrainRequestSchema,
} from './schemas/trainSchemas.js';
export { accuracy, r2Score } from './scoreMetrics.js';
export {
  type AshaConfig,
  type AshaRung,
  type AshaState,
  ashaRungs,
  ashaStep,
  type EpochReport,
  initialAshaState,
  type PruneDecision,
} from './search/asha.js';
export {
  DEFAULT_MEDIAN_STARTUP_TRIALS,
  type MedianStoppingConfig,
  medianStoppingDecision,
} from './search/medianStopping.js';
export {
  type DomainResult,
  gridRangeError,
  isRangeText,
  type ParamDomain,
  type ParamRange,
  parseParamDomain,
  parseParamRange,
} from './search/paramRange.js';
export { createPruner, type Pruner } from './search/pruner.js';
export { percentile } from './search/quantile.js';
export {
  createGridSampler,
  createRandomSampler,
  randomCombinations,
  type SamplerOptions,
  sampleRange,
  spaceGrid,
} from './search/randomSampler.js';
export {
  combinationKey,
  type Sampler,
  type StoredTrial,
  type Suggestion,
  type TrialOutcome,
} from './search/sampler.js';
export {
  type BudgetTracker,
  type BudgetUsage,
  budgetEnd,
  createBudgetTracker,
  exhaustedEnd,
  type SearchEnd,
  searchTimeSpentMs,
  TIMED_SEARCH_MAX_RUNS,
  type TimedRun,
} from './search/searchBudget.js';
export { drawsAsItGoes, fixedSearchCombinations } from './search/searchCombinations.js';
export { SEARCH_FIELD_RULES, type SearchNumericField } from './search/searchFieldRules.js';
export {
  DEFAULT_GRACE_PERIOD,
  DEFAULT_REDUCTION_FACTOR,
  PRUNER_KINDS,
  type PrunerConfig,
  type PrunerKind,
  plannedRunCount,
  SEARCH_STRATEGIES,
  type SearchOptions,
  type SearchPlan,
  type SearchPlanField,
  type SearchPlanInput,
  type SearchPlanResult,
  type SearchSpace,
  type SearchStrategy,
  validateSearchPlan,
} from './search/searchPlan.js';
export { mixSeed, mulberry32, type Random } from './seededRandom.js';
export type {
  HealthInfo,
  ModelSummary,
  PredictionResult,
  PredictRow,
  RecordLabels,
  RunStatus,
  StoredRun,
  SweepBest,
  SweepEvent,
  SweepFields,
  SweepRecord,
  SweepStatus,
} from './studioTypes.js';
export {
  buildSweepCombinations,
  countSweepCombinations,
  MAX_SWEEP_COMBINATIONS,
  type SweepCombination,
  sweepSizeProblem,
} from './sweepCombinations.js';
export {
  countSweep,
  describeOtherCounts,
  endedCount,
  type SweepAttempt,
  type SweepCounts,
  standingAttempts,
  sweepProgress,
} from './sweepCounts.js';
export {
  buildSweepGrid,
  ignoredSweepFields,
  isLinearSweep,
  LINEAR_IGNORED_FIELDS,
  SWEEP_FIELD_VALIDATORS,
  type SweepGridInput,
  type SweepGridResult,
  sweepFieldErrors,
  validateSweepGrid,
} from './sweepGrid.js';
export {
  type CurrentRun,
  initialSweepState,
  SWEEP_END_MESSAGES,
  type SweepAction,
  type SweepState,
  sweepReducer,
} from './sweepState.js';
export { ACTIVE_SWEEP_STATUSES, isActiveSweepStatus, sweepToReattach } from './sweepStatus.js';
export {
  CONFIRM_SWEEP_ABOVE,
  extendCombinations,
  matchesSweepFilter,
  type SweepFilter,
  sweepBest,
  sweepDisplayName,
  sweepDurationMs,
  sweepEstimate,
} from './sweepSummary.js';
export {
  type TeacherCandidate,
  type TeacherRow,
  teacherCandidates,
  teacherLabel,
} from './teacherCandidates.js';
export {
  DEFAULT_MAX_GROUP_SIZE,
  type GroupingOptions,
  planTrainingTasks,
  type TrainingTask,
} from './trainingGroups.js';
export {
  CANCELLED_MESSAGE,
  runPytorchTraining,
  runTensorflowTraining,
  type TrainingRunOptions,
} from './trainingRun.js';
export type {
  CallOptions,
  CheckpointCall,
  ColumnSummary,
  DatasetOption,
  DatasetRows,
  DatasetRowsPage,
  DatasetSummary,
  DistillMetrics,
  DistillRequest,
  DistillResponse,
  EpochEvent,
  Framework,
  GroupOutcome,
  MetricName,
  RunRow,
  SelectionOptions,
  TaskKind,
  TensorflowMode,
  TensorflowTrainRequest,
  TrainingCombination,
  TrainRequest,
  TrainResponse,
} from './types.js';
export {
  validateBatchSizes,
  validateDropouts,
  validateEpochValues,
  validateHiddenDims,
  validateLearningRates,
  validateNumHiddenLayers,
  validateSeed,
  validateTestSizes,
} from './validators.js';

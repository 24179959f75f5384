import type { EpochEvent, RunRow, TrainingCombination } from './types.js';

/** The run in flight, for live progress. */
export interface CurrentRun {
  index: number;
  combination: TrainingCombination;
  epoch?: EpochEvent;
}

interface Progress {
  rows: RunRow[];
  done: number;
  total: number;
}

/** A sweep as a UI or the CLI sees it: one tagged union on `status`. */
export type SweepState =
  | ({ status: 'idle' } & Progress)
  | ({ status: 'running'; current: CurrentRun | null } & Progress)
  | ({ status: 'done' } & Progress)
  | ({ status: 'failed'; error: string } & Progress)
  | ({ status: 'cancelled' } & Progress);

export type SweepAction =
  | { type: 'start'; total: number }
  | { type: 'runStart'; index: number; combination: TrainingCombination }
  | { type: 'epoch'; index: number; event: EpochEvent }
  | { type: 'row'; row: RunRow }
  | { type: 'progress'; done: number; total: number }
  | { type: 'finish' }
  | { type: 'fail'; error: string }
  | { type: 'cancel' }
  | { type: 'reset' };

export const initialSweepState: SweepState = { status: 'idle', rows: [], done: 0, total: 0 };

const assertNever = (action: never): never => {
  throw new Error(`Unknown sweep action: ${JSON.stringify(action)}`);
};

/**
 * The one place a sweep's state changes. Late events (a row that lands after Cancel) are still
 * recorded; events that make no sense in the current status leave the state as it is.
 *
 * @example let s = sweepReducer(initialSweepState, { type: 'start', total: 3 }); // s.status === 'running'
 */
export function sweepReducer(state: SweepState, action: SweepAction): SweepState {
  switch (action.type) {
    case 'start':
      return { status: 'running', rows: [], done: 0, total: action.total, current: null };
    case 'runStart':
      if (state.status !== 'running') return state;
      return { ...state, current: { index: action.index, combination: action.combination } };
    case 'epoch':
      if (state.status !== 'running' || state.current?.index !== action.index) return state;
      return { ...state, current: { ...state.current, epoch: action.event } };
    case 'row':
      if (state.status !== 'running' && state.status !== 'cancelled') return state;
      return { ...state, rows: [...state.rows, action.row] };
    case 'progress':
      if (state.status !== 'running' && state.status !== 'cancelled') return state;
      return { ...state, done: action.done, total: action.total };
    case 'finish':
      if (state.status !== 'running') return state;
      return { status: 'done', rows: state.rows, done: state.done, total: state.total };
    case 'fail':
      if (state.status !== 'running') return state;
      return {
        status: 'failed',
        rows: state.rows,
        done: state.done,
        total: state.total,
        error: action.error,
      };
    case 'cancel':
      if (state.status !== 'running') return state;
      return { status: 'cancelled', rows: state.rows, done: state.done, total: state.total };
    case 'reset':
      return initialSweepState;
    default:
      return assertNever(action);
  }
}

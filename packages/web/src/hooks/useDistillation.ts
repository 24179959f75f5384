import {
  type CallOptions,
  type DistillRequest,
  type DistillResult,
  type EpochEvent,
  FIELD_RULES,
  type NumericField,
  parseNumberList,
} from '@trainyard/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

/** The student settings a user types, one number each. */
export type StudentField =
  | 'hiddenDim'
  | 'numHiddenLayers'
  | 'temperature'
  | 'alpha'
  | 'epochs'
  | 'batchSize'
  | 'learningRate';
export type StudentTexts = Record<StudentField, string>;

/** A student a quarter of a 2×64 teacher or smaller, trained on soft targets mostly. */
export const DEFAULT_STUDENT_TEXTS: StudentTexts = {
  hiddenDim: '16',
  numHiddenLayers: '1',
  temperature: '4',
  alpha: '0.7',
  epochs: '30',
  batchSize: '16',
  learningRate: '0.01',
};

export type DistillationState =
  | { status: 'idle' }
  | { status: 'running'; epoch: EpochEvent | null }
  | { status: 'done'; result: DistillResult }
  | { status: 'cancelled' };

export type RunDistillation = (o: {
  request: DistillRequest;
  signal: AbortSignal;
  onEpoch: NonNullable<CallOptions['onEpoch']>;
}) => Promise<DistillResult>;

export interface Distillation {
  teacherModelId: string | null;
  setTeacherModelId(modelId: string | null): void;
  fields: StudentTexts;
  setField(field: StudentField, text: string): void;
  /** Inline errors, worded by core's field rules (same messages as the server's). */
  errors: Partial<Record<StudentField, string>>;
  compareScratch: boolean;
  setCompareScratch(on: boolean): void;
  /** REQ-004's result arrives in `state.result` when status is 'done' (ok with metrics and model, or error). */
  state: DistillationState;
  canRun: boolean;
  run(): Promise<void>;
  cancel(): void;
}

function checkOne(field: StudentField, text: string): { value: number } | { error: string } {
  const rule = FIELD_RULES[field satisfies NumericField];
  const parsed = parseNumberList(text, rule);
  if (!parsed.ok) return { error: parsed.error };
  if (parsed.values.length !== 1) return { error: `${rule.label} takes one value: ${text.trim()}` };
  return { value: parsed.values[0]! };
}

/**
 * Shared by usePytorchDistillation / useTensorflowDistillation: teacher choice, student settings,
 * and the core distillation orchestrator's result.
 */
export function useDistillation(runDistillation: RunDistillation): Distillation {
  const [teacherModelId, setTeacherModelId] = useState<string | null>(null);
  const [fields, setFields] = useState<StudentTexts>(DEFAULT_STUDENT_TEXTS);
  const [compareScratch, setCompareScratch] = useState(false);
  const [state, setState] = useState<DistillationState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      controller.current?.abort();
    };
  }, []);

  const checked = useMemo(() => {
    const errors: Partial<Record<StudentField, string>> = {};
    const values: Partial<Record<StudentField, number>> = {};
    for (const field of Object.keys(fields) as StudentField[]) {
      const r = checkOne(field, fields[field]);
      if ('error' in r) errors[field] = r.error;
      else values[field] = r.value;
    }
    return { errors, values: values as Record<StudentField, number> };
  }, [fields]);

  const setField = useCallback(
    (field: StudentField, text: string) => setFields((f) => ({ ...f, [field]: text })),
    [],
  );
  const canRun =
    teacherModelId !== null && Object.keys(checked.errors).length === 0 && state.status !== 'running';

  const run = useCallback(async () => {
    if (!canRun || teacherModelId === null || controller.current) return;
    const ctrl = new AbortController();
    controller.current = ctrl;
    const set = (s: DistillationState) => alive.current && controller.current === ctrl && setState(s);
    set({ status: 'running', epoch: null });
    const request: DistillRequest = { teacherModelId, ...checked.values, compareScratch };
    const result = await runDistillation({
      request,
      signal: ctrl.signal,
      onEpoch: (epoch) => set({ status: 'running', epoch }),
    });
    set(ctrl.signal.aborted ? { status: 'cancelled' } : { status: 'done', result });
    if (controller.current === ctrl) controller.current = null;
  }, [canRun, teacherModelId, checked, compareScratch, runDistillation]);

  const cancel = useCallback(() => {
    const ctrl = controller.current;
    if (!ctrl) return;
    controller.current = null;
    ctrl.abort();
    if (alive.current) setState({ status: 'cancelled' });
  }, []);

  return {
    teacherModelId,
    setTeacherModelId,
    fields,
    setField,
    errors: checked.errors,
    compareScratch,
    setCompareScratch,
    state,
    canRun,
    run,
    cancel,
  };
}

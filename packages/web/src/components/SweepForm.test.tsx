import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MlApiError, PATIENCE_NEEDS_VALIDATION, SweepRequestSchema } from '@trainyard/core';
import { sweepFields } from '@trainyard/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { MlApiProvider } from '../api/StudioServices.js';
import { useDurableSweepTraining } from '../hooks/useDurableSweepTraining.js';
import { usePytorchTraining } from '../hooks/usePytorchTraining.js';
import { createFakeMlApi } from '../testing/fakeMlApi.js';
import { createFakeStudio } from '../testing/fakeStudio.js';
import { memoryStorage } from '../testing/memoryStorage.js';
import { SweepForm } from './SweepForm.js';

afterEach(cleanup);

type Storage = ReturnType<typeof memoryStorage>;

function ServerSweepForm(props: { storage: Storage | null }) {
  const training = useDurableSweepTraining({ framework: 'pytorch', storage: props.storage });
  return <SweepForm training={training} datasetId="iris" />;
}

function renderForm(storage: Storage | null = null) {
  const studio = createFakeStudio();
  render(
    <MlApiProvider api={createFakeMlApi()} studio={studio}>
      <ServerSweepForm storage={storage} />
    </MlApiProvider>,
  );
  const type = (label: string, value: string) =>
    fireEvent.change(screen.getByLabelText(label, { exact: true }), { target: { value } });
  const errorOf = (label: string) => {
    const input = screen.getByLabelText(label, { exact: true });
    const id = input
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((d) => d.endsWith('-error'));
    return id ? document.getElementById(id)?.textContent : undefined;
  };
  const details = () => document.querySelector('details.advanced-options') as HTMLDetailsElement;
  const count = () => document.querySelector('.combination-count')?.textContent;
  const start = async () => {
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start' })));
    return studio.sweeps[0]?.fields;
  };
  return { studio, type, errorOf, details, count, start };
}

/** Core's message for a body, as the API and the CLI would answer it. */
const coreMessage = (body: Record<string, unknown>) => {
  const parsed = SweepRequestSchema.safeParse({ ...sweepFields({ datasetId: 'iris' }), ...body });
  return parsed.success ? null : parsed.error.issues[0]?.message;
};

describe('SweepForm: search and selection options (issue 11)', () => {
  it('folds the advanced options away behind what is set, and sends validation size 0.2 by default', async () => {
    const form = renderForm();
    expect(form.details().open).toBe(false);
    expect(document.querySelector('.advanced-options summary')?.textContent).toBe(
      'Advanced options Grid · validation 0.2',
    );
    expect((screen.getByLabelText('Strategy') as HTMLSelectElement).value).toBe('grid');
    expect((screen.getByLabelText('Validation size') as HTMLInputElement).value).toBe('0.2');
    expect((screen.getByLabelText('Pruner') as HTMLSelectElement).value).toBe('none');
    // A grid has no budget, no pruner no grace period: those fields are not offered.
    expect(screen.queryByLabelText('Max runs')).toBeNull();
    expect(screen.queryByLabelText('Grace period')).toBeNull();
    expect(form.count()).toBe('1 combination');
    expect(await form.start()).toEqual({
      framework: 'pytorch',
      datasetId: 'iris',
      epochValues: '20',
      batchSizes: '16',
      learningRates: '0.01',
      testSizes: '0.2',
      hiddenDims: '64',
      numHiddenLayers: '2',
      dropouts: '0.1',
      validationSize: 0.2,
    });
  });

  it('a grid refuses a range with core’s message; random search takes it, with a budget', async () => {
    const form = renderForm();
    form.type('Learning rates', '0.0001..0.1 log');
    form.type('Hidden dims', '16..128');
    const gridRange =
      'Learning rate range needs strategy random or tpe; a grid takes a list like "10, 20": 0.0001..0.1 log';
    expect(form.errorOf('Learning rates')).toBe(gridRange);
    expect(coreMessage({ learningRates: '0.0001..0.1 log' })).toBe(gridRange);
    expect(form.count()).toBe('');

    fireEvent.change(screen.getByLabelText('Strategy'), { target: { value: 'random' } });
    expect(form.errorOf('Learning rates')).toBeUndefined();
    expect(form.errorOf('Max runs')).toBe(
      'Strategy random over ranges needs a budget: set maxRuns or maxMinutes',
    );
    expect((screen.getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(true);
    form.type('Max runs', '6');
    expect(form.errorOf('Max runs')).toBeUndefined();
    expect(form.count()).toBe('6 random runs');
    form.type('Epochs', '5,10');
    form.type('Learning rates', '0.01,0.1');
    form.type('Hidden dims', '16,32,64');
    expect(form.count()).toBe('6 of 12 combinations, drawn at random');
    form.type('Max runs', '4');
    expect(form.count()).toBe('4 of 12 combinations, drawn at random');
    form.type('Hidden dims', '16..128');
    form.type('Max minutes', '2.5');
    expect(form.count()).toBe('4 random runs, at most 2.5 min');
    expect(await form.start()).toMatchObject({
      strategy: 'random',
      maxRuns: 4,
      maxMinutes: 2.5,
      hiddenDims: '16..128',
      validationSize: 0.2,
    });
  });

  it('shows each option’s error next to it with core’s exact message, and opens itself to show it', () => {
    const form = renderForm();
    form.type('Patience', '0');
    expect(form.details().open).toBe(true);
    expect(form.errorOf('Patience')).toBe('Patience out of range (1-500): 0');
    form.type('Patience', '5');
    form.type('Min delta', '2');
    expect(form.errorOf('Min delta')).toBe('Min delta out of range (0-1): 2');
    form.type('Min delta', '0.01');
    form.type('Validation size', '0');
    expect(form.errorOf('Patience')).toBe(`${PATIENCE_NEEDS_VALIDATION}: 5`);
    form.type('Patience', '');
    expect(form.errorOf('Min delta')).toBe('Min delta applies only with patience: 0.01');
    form.type('Min delta', '');
    form.type('Validation size', '1');
    expect(form.errorOf('Validation size')).toBe('Validation size out of range (from 0, below 1): 1');
    form.type('Validation size', '0.2');
    form.type('Folds', '11');
    expect(form.errorOf('Folds')).toBe('Folds out of range (2-10): 11');
    form.type('Folds', '5');
    expect(form.errorOf('Validation size')).toBe(
      'Validation size must be 0 with folds 5 (the folds replace the validation split): 0.2',
    );
    form.type('Validation size', '0');
    expect(form.errorOf('Validation size')).toBeUndefined();
    expect(form.count()).toBe('1 combination');
    expect(document.querySelector('.advanced-options summary')?.textContent).toBe(
      'Advanced options Grid · 5-fold',
    );
    fireEvent.change(screen.getByLabelText('Strategy'), { target: { value: 'tpe' } });
    form.type('Max runs', 'abc');
    expect(form.errorOf('Max runs')).toBe('Max runs is not a number: "abc"');
    form.type('Max runs', '0');
    expect(form.errorOf('Max runs')).toBe(coreMessage({ strategy: 'tpe', maxRuns: 0 }));
    expect(form.errorOf('Max runs')).toBe('Max runs out of range (1-10000): 0');
  });

  it('offers ASHA’s grace period, reduction factor and keep-pruned switch, and sends them', async () => {
    const form = renderForm();
    fireEvent.change(screen.getByLabelText('Strategy'), { target: { value: 'random' } });
    form.type('Learning rates', '0.001..0.3 log');
    form.type('Max runs', '6');
    form.type('Validation size', '0');
    fireEvent.change(screen.getByLabelText('Pruner'), { target: { value: 'asha' } });
    expect(form.errorOf('Pruner')).toBe(
      'Pruner asha needs a validation split (validationSize above 0): asha',
    );
    form.type('Validation size', '0.25');
    form.type('Grace period', '2');
    form.type('Reduction factor', '1');
    expect(form.errorOf('Reduction factor')).toBe('Reduction factor out of range (2-10): 1');
    form.type('Reduction factor', '3');
    fireEvent.click(screen.getByLabelText('Keep pruned models'));
    expect(document.querySelector('.advanced-options summary')?.textContent).toBe(
      'Advanced options Random (max 6 runs) · validation 0.25 · ASHA pruner',
    );
    // The median rule has no reduction factor: the field goes, and is not sent.
    fireEvent.change(screen.getByLabelText('Pruner'), { target: { value: 'median' } });
    expect(screen.queryByLabelText('Reduction factor')).toBeNull();
    fireEvent.change(screen.getByLabelText('Pruner'), { target: { value: 'asha' } });
    expect(await form.start()).toMatchObject({
      strategy: 'random',
      maxRuns: 6,
      validationSize: 0.25,
      pruner: 'asha',
      gracePeriod: 2,
      reductionFactor: 3,
      keepPrunedModels: true,
    });
  });

  it('fuses combinations by default (nothing sent) and sends fused: false when unticked', async () => {
    const form = renderForm();
    const fuse = screen.getByLabelText('Fuse combinations into one batched model') as HTMLInputElement;
    expect(fuse.checked).toBe(true);
    fireEvent.click(fuse);
    expect(document.querySelector('.advanced-options summary')?.textContent).toBe(
      'Advanced options Grid · validation 0.2 · not fused',
    );
    expect(await form.start()).toMatchObject({ fused: false, validationSize: 0.2 });
  });

  it('shows a field the server refuses beside that field, until it changes', async () => {
    const form = renderForm();
    const message = 'Max minutes alone is not available for sweeps over ranges yet (add maxRuns): 5';
    form.studio.createSweep = async () => {
      throw new MlApiError('VALIDATION', message, { field: 'maxMinutes' });
    };
    fireEvent.change(screen.getByLabelText('Strategy'), { target: { value: 'random' } });
    form.type('Learning rates', '0.001..0.1 log');
    form.type('Max minutes', '5');
    expect(form.count()).toBe('Random runs for up to 5 min');
    expect(await form.start()).toBeUndefined();
    expect(form.errorOf('Max minutes')).toBe(message);
    expect((screen.getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(true);
    form.type('Max runs', '10');
    expect(form.errorOf('Max minutes')).toBeUndefined();
    expect((screen.getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('keeps the options across reloads, and ignores a stored value of the wrong kind', () => {
    const storage = memoryStorage({
      'trainyard.sweepForm.pytorch': JSON.stringify({
        epochValues: '5',
        options: { strategy: 'bogus', pruner: 'median', patience: 3, validationSize: '0.3' },
      }),
    });
    const form = renderForm(storage);
    expect((screen.getByLabelText('Strategy') as HTMLSelectElement).value).toBe('grid');
    expect((screen.getByLabelText('Pruner') as HTMLSelectElement).value).toBe('median');
    expect((screen.getByLabelText('Patience') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Validation size') as HTMLInputElement).value).toBe('0.3');
    form.type('Grace period', '4');
    const saved = JSON.parse(storage.data.get('trainyard.sweepForm.pytorch') ?? '{}');
    expect(saved.options).toMatchObject({ pruner: 'median', gracePeriod: '4', validationSize: '0.3' });
  });
});

function BrowserSweepForm() {
  const training = usePytorchTraining({ epochValues: '3,4' });
  return <SweepForm training={training} datasetId="iris" />;
}

describe('SweepForm over the in-browser orchestrator', () => {
  it('offers validation, early stopping and fused training only (it trains the grid), and sends them', async () => {
    const api = createFakeMlApi();
    render(
      <MlApiProvider api={api} studio={createFakeStudio()}>
        <BrowserSweepForm />
      </MlApiProvider>,
    );
    expect(screen.queryByLabelText('Strategy')).toBeNull();
    expect(screen.queryByLabelText('Pruner')).toBeNull();
    fireEvent.change(screen.getByLabelText('Patience'), { target: { value: '2' } });
    const trainings = () => api.calls.filter((c) => c.method === 'trainPytorch').map((c) => c.args[0]);
    // Fused (the default): epochs 3 and 4 are one training to 4, with 3 as its checkpoint.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start' })));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Start' })).toHaveProperty('disabled', false),
    );
    expect(trainings()).toEqual([
      expect.objectContaining({ epochs: 4, epochCheckpoints: [3], validationSize: 0.2, patience: 2 }),
    ]);
    fireEvent.click(screen.getByLabelText('Fuse combinations into one batched model'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start' })));
    await waitFor(() => expect(trainings()).toHaveLength(3));
    expect(trainings().slice(1)).toEqual([
      expect.objectContaining({ epochs: 3, validationSize: 0.2, patience: 2 }),
      expect.objectContaining({ epochs: 4, validationSize: 0.2, patience: 2 }),
    ]);
    expect(trainings()[1]).not.toHaveProperty('epochCheckpoints');
  });
});

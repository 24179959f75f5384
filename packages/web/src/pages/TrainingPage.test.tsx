import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MlApiProvider } from '../api/StudioServices.js';
import { useDatasetManifest } from '../hooks/useDatasetManifest.js';
import { usePytorchDistillation } from '../hooks/usePytorchDistillation.js';
import { usePytorchTraining } from '../hooks/usePytorchTraining.js';
import { useTensorflowDistillation } from '../hooks/useTensorflowDistillation.js';
import { useTensorflowTraining } from '../hooks/useTensorflowTraining.js';
import { createFakeMlApi, type FakeMlApi } from '../testing/fakeMlApi.js';
import { createFakeStudio, healthyInfo } from '../testing/fakeStudio.js';
import { TrainingPage } from './TrainingPage.js';

// uPlot needs a real canvas and matchMedia, which jsdom lacks; the real chart runs in the e2e browser test.
vi.mock('../components/LossChart.js', () => ({
  LossChart: (p: { title: string }) => <figure aria-label={p.title} />,
}));

afterEach(cleanup);

function PytorchPage(props: { health?: typeof healthyInfo }) {
  const manifest = useDatasetManifest();
  const training = usePytorchTraining({ epochValues: '10,20' });
  const distillation = usePytorchDistillation();
  return (
    <TrainingPage
      framework="pytorch"
      manifest={manifest}
      training={training}
      distillation={distillation}
      health={props.health ?? healthyInfo}
    />
  );
}

function TensorflowPage() {
  const manifest = useDatasetManifest();
  const training = useTensorflowTraining({ epochValues: '10,20' });
  const distillation = useTensorflowDistillation();
  return (
    <TrainingPage
      framework="tensorflow"
      manifest={manifest}
      training={training}
      distillation={distillation}
      health={healthyInfo}
      linear={{ on: training.linear, set: training.setLinear }}
    />
  );
}

function renderPage(api: FakeMlApi, page: ReactNode = <PytorchPage />) {
  return render(
    <MlApiProvider api={api} studio={createFakeStudio()}>
      {page}
    </MlApiProvider>,
  );
}

describe('TrainingPage (PyTorch)', () => {
  it('AC-005 on screen: typing 0,10 in Epochs shows the validator’s message and disables Start', async () => {
    renderPage(createFakeMlApi());
    await screen.findByRole('option', { name: /^A / });
    const epochs = screen.getByLabelText('Epochs');
    fireEvent.change(epochs, { target: { value: '0,10' } });
    expect(screen.getByRole('alert').textContent).toBe('Epoch out of range (1-500): 0');
    expect(epochs.getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(epochs, { target: { value: '5,10' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('2 combinations')).toBeTruthy();
  });

  it('shows the combination count only for a valid grid, and checks the seed', async () => {
    renderPage(createFakeMlApi());
    await screen.findByRole('option', { name: /^A / });
    const count = () => document.querySelector('.combination-count')?.textContent;
    fireEvent.change(screen.getByLabelText('Epochs'), { target: { value: '0,10' } });
    expect(count()).toBe('');
    fireEvent.change(screen.getByLabelText('Epochs'), { target: { value: '5,10' } });
    fireEvent.change(screen.getByLabelText('Learning rates'), { target: { value: '1e-3, 1e-2' } });
    expect(count()).toBe('4 combinations');
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '-1' } });
    expect(screen.getByRole('alert').textContent).toBe('Seed out of range (0-4294967295): -1');
    expect(count()).toBe('');
    expect((screen.getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('asks before a grid above 500 combinations starts, and starts only once confirmed', async () => {
    const api = createFakeMlApi();
    renderPage(api);
    await screen.findByRole('option', { name: /^A / });
    fireEvent.change(screen.getByLabelText('Epochs'), { target: { value: '1,2,3,4,5,6,7,8,9,10' } });
    fireEvent.change(screen.getByLabelText('Batch sizes'), { target: { value: '1,2,3,4,5,6,7,8,9,10' } });
    fireEvent.change(screen.getByLabelText('Learning rates'), {
      target: { value: '0.1,0.2,0.3,0.4,0.5,0.6' },
    });
    expect(screen.getByText('600 combinations')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Confirm a large sweep' });
    expect(dialog.textContent).toContain('This sweep trains 600 models');
    expect(api.calls.some((c) => c.method === 'trainPytorch')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.calls.some((c) => c.method === 'trainPytorch')).toBe(false);
  });

  it('AC-003 on screen: a 2-combination sweep fills the progress bar to 2 / 2 and the table with 2 rows', async () => {
    renderPage(createFakeMlApi());
    await screen.findByRole('option', { name: /^A / });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start' })));
    const bar = await screen.findByRole('progressbar');
    await waitFor(() => expect(bar.textContent).toBe('2 / 2'));
    const table = screen.getByRole('table', { name: /runs of this sweep/ });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('best')).toBeTruthy();
    // The best run becomes the default teacher of the distillation panel.
    const teacher = screen.getByLabelText('Teacher') as HTMLSelectElement;
    expect(teacher.value).toBe('m-20-16');
  });

  it('names the counts when a sweep ends: completed, then failed (issue 10 item 13)', async () => {
    const api = createFakeMlApi();
    const train = api.train;
    // Epochs 10 and 20 share one training (epoch prefixes): the 10-epoch checkpoint comes back malformed, so its row alone fails.
    api.train = async (req, o) => {
      const res = await train(req, o);
      return { ...res, checkpoints: res.checkpoints?.map((c) => ({ ...c, metric_score: Number.NaN })) };
    };
    renderPage(api);
    await screen.findByRole('option', { name: /^A / });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start' })));
    await waitFor(() =>
      expect(screen.getByText('Sweep finished: 2 runs, 1 completed, 1 failed.')).toBeTruthy(),
    );
  });

  it('says so when the engine is unavailable and does not offer Start', async () => {
    const health = {
      ...healthyInfo,
      engines: { ...healthyInfo.engines, pytorch: { available: false, message: 'Install python3-torch' } },
    };
    renderPage(createFakeMlApi(), <PytorchPage health={health} />);
    expect((await screen.findAllByRole('alert'))[0]?.textContent).toContain('Install python3-torch');
    expect((screen.getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('TrainingPage (TensorFlow)', () => {
  it('shows linear-baseline runs as "linear" in the architecture columns, not the fixed 128/2/0.1', async () => {
    renderPage(createFakeMlApi(), <TensorflowPage />);
    await screen.findByRole('option', { name: /^A / });
    fireEvent.click(screen.getByRole('checkbox', { name: /linear/i }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start' })));
    const bar = await screen.findByRole('progressbar');
    await waitFor(() => expect(bar.textContent).toBe('2 / 2'));
    const table = screen.getByRole('table', { name: /runs of this sweep/ });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    const [first] = within(table).getAllByRole('row').slice(1);
    const cells = within(first!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    for (const header of ['Hidden dim', 'Hidden layers', 'Dropout']) {
      expect(cells[headers.findIndex((h) => h?.startsWith(header))]).toBe('linear');
    }
  });
});

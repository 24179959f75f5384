import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { modelSummary } from '@trainyard/core/testing';
import { afterEach, expect, it } from 'vitest';
import { MlApiProvider } from '../api/StudioServices.js';
import { createFakeMlApi } from '../testing/fakeMlApi.js';
import { createFakeStudio } from '../testing/fakeStudio.js';
import { ModelsPage } from './ModelsPage.js';

afterEach(cleanup);

const model = modelSummary;

const models = [
  model({
    modelId: 'm_sweep0000000000',
    runId: 'r_sweep',
    run: {
      id: 'r_sweep',
      kind: 'train',
      sweepId: 'sw_12345678abc',
      combinationIndex: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    metric_score: 0.8,
  }),
  model({ modelId: 'm_orphan000000000', runId: 'r_gone12345', metric_score: 0.95 }),
  model({
    modelId: 'm_student00000000',
    kind: 'distilled',
    teacherModelId: 'm_sweep0000000000',
    metric_score: 0.9,
  }),
];

it('says what each model is and where it came from, sorts by score, and names downloads after dataset, framework and run', async () => {
  render(
    <MlApiProvider api={createFakeMlApi()} studio={createFakeStudio({ models })}>
      <ModelsPage options={[]} />
    </MlApiProvider>,
  );
  const table = await screen.findByRole('table', { name: 'Saved models' });
  const rows = () => within(table).getAllByRole('row').slice(1);
  expect(rows()[0]!.textContent).toContain('sweep sw_12345 · run #2');
  expect(rows()[0]!.textContent).toContain('2×32');
  expect(rows()[1]!.textContent).toContain('run r_gone12 (deleted)');
  expect(rows()[2]!.textContent).toContain('m_sweep0000000000');
  const link = screen.getByRole('link', { name: 'Download model m_sweep0000000000' });
  expect(link.getAttribute('download')).toBe('iris-pytorch-sweep-sw_12345-run2-m_sweep0000000000.zip');
  // Numbers sort highest first on the first click.
  fireEvent.click(within(table).getByRole('button', { name: 'Score' }));
  expect(rows()[0]!.textContent).toContain('m_orphan000000000');
});

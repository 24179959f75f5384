import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MlApiError, type PredictionResult } from '@trainyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { MlApiProvider } from '../api/StudioServices.js';
import { createFakeMlApi } from '../testing/fakeMlApi.js';
import { createFakeStudio } from '../testing/fakeStudio.js';
import { ModelTryIt } from './ModelTryIt.js';

afterEach(cleanup);

const answer: PredictionResult = {
  modelId: 'm_aaaaaaaaaaaaaaaa',
  task: 'classification',
  columns: ['age'],
  predictions: ['yes', 'no'],
  probabilities: [
    [0.25, 0.75],
    [0.875, 0.125],
  ],
  labels: ['no', 'yes'],
};

function renderPanel(predict: (id: string, rows: unknown) => Promise<PredictionResult>) {
  const studio = { ...createFakeStudio(), predict: predict as never };
  render(
    <MlApiProvider api={createFakeMlApi()} studio={studio}>
      <ModelTryIt modelId={answer.modelId} />
    </MlApiProvider>,
  );
}

describe('ModelTryIt', () => {
  it('sends the pasted CSV and shows one prediction per row with its probabilities', async () => {
    let sent: unknown;
    renderPanel(async (id, rows) => {
      sent = { id, rows };
      return answer;
    });
    fireEvent.change(screen.getByLabelText(/Rows as CSV/), { target: { value: 'age\n30\n50\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Predict' }));
    expect(await screen.findByRole('button', { name: 'Download 2 predictions' })).toBeTruthy();
    expect(sent).toEqual({ id: answer.modelId, rows: { csv: 'age\n30\n50\n' } });
    const cells = screen.getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['yes', '0.25', '0.75', 'no', '0.875', '0.125']);
    expect(screen.getAllByRole('columnheader').map((c) => c.textContent)).toEqual([
      'prediction',
      'probability_no',
      'probability_yes',
    ]);
  });

  it("shows the server's message naming the row and column", async () => {
    renderPanel(async () => {
      throw new MlApiError('VALIDATION', 'Row 2, column "age": "old" is not a number', { field: 'age' });
    });
    fireEvent.change(screen.getByLabelText(/Rows as CSV/), { target: { value: 'age\n30\nold\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Predict' }));
    expect(await screen.findByText(/Row 2, column "age": "old" is not a number/)).toBeTruthy();
  });
});

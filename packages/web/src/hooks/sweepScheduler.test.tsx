import { act, cleanup } from '@testing-library/react';
import { runPytorchTraining } from '@trainyard/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeMlApi } from '../testing/fakeMlApi.js';
import { renderWithApi } from '../testing/renderWithApi.js';
import { usePytorchTraining } from './usePytorchTraining.js';

// A spy on the one scheduler: the browser's sweep runs through core's runPytorchTraining, the same
// export the server's sweep service and the CLI's embedded sweep are checked against.
vi.mock('@trainyard/core', async (original) =>
  (await import('@trainyard/core/testing')).withSpiedScheduler(
    await original<typeof import('@trainyard/core')>(),
    vi.fn,
  ),
);
const scheduler = vi.mocked(runPytorchTraining);

afterEach(cleanup);

describe('the browser sweep', () => {
  it('schedules the whole sweep through one call of core runPytorchTraining', async () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(() => usePytorchTraining({ epochValues: '10,20,30' }), api);
    await act(() => result.current.start('a'));
    expect(scheduler).toHaveBeenCalledTimes(1);
    expect(scheduler.mock.calls[0]![0]).toMatchObject({ datasetId: 'a' });
    expect(scheduler.mock.calls[0]![0].combinations).toHaveLength(3);
    expect(result.current.state).toMatchObject({ status: 'done', done: 3, total: 3 });
  });
});

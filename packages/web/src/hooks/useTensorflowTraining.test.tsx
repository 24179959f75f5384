import { act, cleanup } from '@testing-library/react';
import type { TensorflowTrainRequest } from '@trainyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMlApi } from '../testing/fakeMlApi.js';
import { renderWithApi } from '../testing/renderWithApi.js';
import { useTensorflowTraining } from './useTensorflowTraining.js';

afterEach(cleanup);

describe('useTensorflowTraining', () => {
  it('DR-004: the linear baseline disables hidden dims, layers and dropouts and leaves them out of the grid', () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(
      () => useTensorflowTraining({ epochValues: '10,20', hiddenDims: '16,32,64', dropouts: '0,0.2' }),
      api,
    );
    expect(result.current.combinations).toHaveLength(12);
    act(() => result.current.setLinear(true));
    expect(result.current.disabledFields).toEqual(['hiddenDims', 'numHiddenLayers', 'dropouts']);
    expect(result.current.combinations).toHaveLength(2);
    // A bad value in an ignored field blocks nothing while the baseline is on.
    act(() => result.current.setField('hiddenDims', '4'));
    expect(result.current.errors).toEqual({});
    expect(result.current.canStart).toBe(true);
    act(() => result.current.setLinear(false));
    expect(result.current.errors).toEqual({ hiddenDims: 'Hidden dim out of range (8-500): 4' });
  });

  it('sends mode linear with the fixed 128/2/0.1 values in every request', async () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(
      () => useTensorflowTraining({ batchSizes: '16,32', hiddenDims: '16' }),
      api,
    );
    act(() => result.current.setLinear(true));
    await act(() => result.current.start('b'));
    const requests = api.calls
      .filter((c) => c.method === 'trainTensorflow')
      .map((c) => c.args[0] as TensorflowTrainRequest);
    expect(requests).toHaveLength(2);
    for (const req of requests) {
      expect(req).toMatchObject({
        mode: 'linear',
        hiddenDim: 128,
        numHiddenLayers: 2,
        dropout: 0.1,
        datasetId: 'b',
      });
    }
    expect(result.current.state).toMatchObject({ status: 'done', done: 2, total: 2 });
    expect(result.current.state.rows.map((r) => r.framework)).toEqual(['tensorflow', 'tensorflow']);
    // The rows remember their mode even when the switch is turned off afterwards.
    act(() => result.current.setLinear(false));
    expect(result.current.rowsMode).toBe('linear');
  });

  it('trains the MLP grid with mode mlp when the baseline is off', async () => {
    const api = createFakeMlApi();
    const { result } = renderWithApi(() => useTensorflowTraining({ hiddenDims: '16,32' }), api);
    await act(() => result.current.start('a'));
    const requests = api.calls.map((c) => c.args[0] as TensorflowTrainRequest);
    expect(requests.map((r) => [r.mode, r.hiddenDim])).toEqual([
      ['mlp', 16],
      ['mlp', 32],
    ]);
  });
});

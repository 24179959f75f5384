import { type RenderHookResult, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MlApiProvider } from '../api/StudioServices.js';
import type { StudioClient } from '../api/studioClient.js';
import type { FakeMlApi } from './fakeMlApi.js';

/** A studio client that fails loudly if a hook under test reaches for it unexpectedly. */
export const unusedStudio = new Proxy({} as StudioClient, {
  get: (_, prop) => {
    if (prop === 'token') return undefined;
    throw new Error(`unexpected studio call: ${String(prop)}`);
  },
});

/** renderHook inside an MlApiProvider over the fake api. */
export function renderWithApi<R, P>(
  hook: (props: P) => R,
  api: FakeMlApi,
  o: { studio?: StudioClient; initialProps?: P } = {},
): RenderHookResult<R, P> {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MlApiProvider api={api} studio={o.studio ?? unusedStudio}>
      {children}
    </MlApiProvider>
  );
  return renderHook(hook, { wrapper, initialProps: o.initialProps });
}

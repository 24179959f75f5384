import { createDatasetRowsCache, type MlApi } from '@trainyard/core';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { StudioClient } from './studioClient.js';

export type DatasetRowsCache = ReturnType<typeof createDatasetRowsCache>;

/** What every hook talks to: the core `MlApi`, the studio routes, and the shared rows cache. */
export interface StudioServices {
  api: MlApi;
  studio: StudioClient;
  rowsCache: DatasetRowsCache;
}

const StudioServicesContext = createContext<StudioServices | null>(null);

/**
 * Provides the backend to every hook below it. The rows cache lives here, not in a hook, so a
 * dataset revisited on another page is served from memory (REQ-002).
 *
 * @example const studio = createStudioClient(origin, { token }); <MlApiProvider api={studio.api} studio={studio}>
 */
export function MlApiProvider(props: { api: MlApi; studio: StudioClient; children: ReactNode }) {
  const { api, studio, children } = props;
  const value = useMemo(() => ({ api, studio, rowsCache: createDatasetRowsCache(api) }), [api, studio]);
  return <StudioServicesContext.Provider value={value}>{children}</StudioServicesContext.Provider>;
}

export function useStudioServices(): StudioServices {
  const services = useContext(StudioServicesContext);
  if (!services) throw new Error('Trainyard hooks need an <MlApiProvider> above them in the component tree.');
  return services;
}

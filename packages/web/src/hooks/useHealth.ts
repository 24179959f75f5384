import type { HealthInfo } from '@trainyard/core';
import { useStudioServices } from '../api/StudioServices.js';
import { type ResourceState, useServerResource } from './useServerResource.js';

/** `GET /api/health`: whether the server answers and which engines can train. */
export function useHealth(): { state: ResourceState<HealthInfo>; reload(): void } {
  const { studio } = useStudioServices();
  return useServerResource(() => studio.health(), 'health');
}

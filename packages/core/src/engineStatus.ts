/** Whether an engine can train here, as /api/health reports it. */
export interface EngineStatusInfo {
  available: boolean;
  /** User-safe explanation when unavailable (how to install), or details such as the BLAS in use. */
  message: string;
  details?: Record<string, string | number | boolean>;
}

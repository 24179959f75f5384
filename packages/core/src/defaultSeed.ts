/** The seed of a request that names none (TrainRequest.seed): one value for the browser, CLI, server and engines. */
export const DEFAULT_SEED = 42;

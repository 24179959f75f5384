/** File names of a saved TF.js LayersModel; kept apart from modelFiles.ts so importing them loads no tfjs. */
export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/** File names of a saved TF.js LayersModel; kept apart from modelFiles.ts so importing them loads no tfjs. */
export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';
/** The raw-in/raw-out twin (see models/rawLayers.ts): raw feature columns in, probabilities or target units out. */
export const RAW_MODEL_JSON = 'raw_model.json';
export const RAW_WEIGHTS_BIN = 'raw_weights.bin';

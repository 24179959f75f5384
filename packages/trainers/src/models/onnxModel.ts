/**
 * Writes a Dense stack (our MLPs with their raw layers) as an ONNX model: Gemm/Relu nodes, then
 * Softmax for classifiers. The bytes come from onnx-proto (the official onnx.proto compiled with
 * protobufjs), not from hand-written encoding. Input `input` [rows, raw columns] float32, output
 * `output` [rows, classes or 1]; the row count is a free dimension.
 */
import onnxProto from 'onnx-proto';
import type { DenseWeights } from './rawLayers.js';

const { onnx } = onnxProto;

export const ONNX_FILE = 'model.onnx';
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'output';
/** Opset 13: Gemm, Relu and Softmax(axis=1) as every ONNX Runtime since 1.6 runs them. */
const OPSET = 13;

export interface OnnxDense {
  dense: DenseWeights;
  relu: boolean;
}

function valueInfo(name: string, width: number) {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'rows' }, { dimValue: width }] },
      },
    },
  };
}

/**
 * @example
 * const bytes = denseStackToOnnx([{ dense: raw.expand, relu: true }, ...], 'softmax');
 * await writeFile(join(dir, ONNX_FILE), bytes);
 */
export function denseStackToOnnx(layers: readonly OnnxDense[], head: 'softmax' | 'none'): Uint8Array {
  if (layers.length === 0) throw new Error('denseStackToOnnx needs at least one layer');
  const nodes: Array<Record<string, unknown>> = [];
  const initializer: Array<Record<string, unknown>> = [];
  let current = ONNX_INPUT;
  const lastIndex = layers.length - 1;
  layers.forEach(({ dense, relu }, i) => {
    const w = `dense_${i}_kernel`;
    const b = `dense_${i}_bias`;
    initializer.push(
      {
        name: w,
        dataType: onnx.TensorProto.DataType.FLOAT,
        dims: [dense.inDim, dense.outDim],
        rawData: bytes(dense.kernel),
      },
      {
        name: b,
        dataType: onnx.TensorProto.DataType.FLOAT,
        dims: [dense.outDim],
        rawData: bytes(dense.bias),
      },
    );
    const isOutput = i === lastIndex && !relu && head === 'none';
    const gemmOut = isOutput ? ONNX_OUTPUT : `dense_${i}`;
    nodes.push({ opType: 'Gemm', name: `gemm_${i}`, input: [current, w, b], output: [gemmOut] });
    current = gemmOut;
    if (relu) {
      const reluOut = i === lastIndex && head === 'none' ? ONNX_OUTPUT : `relu_${i}`;
      nodes.push({ opType: 'Relu', name: `relu_${i}`, input: [current], output: [reluOut] });
      current = reluOut;
    }
  });
  if (head === 'softmax') {
    nodes.push({
      opType: 'Softmax',
      name: 'softmax',
      input: [current],
      output: [ONNX_OUTPUT],
      attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
    });
  }
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'trainyard',
    opsetImport: [{ domain: '', version: OPSET }],
    graph: {
      name: 'trainyard_mlp',
      node: nodes,
      initializer,
      input: [valueInfo(ONNX_INPUT, layers[0]!.dense.inDim)],
      output: [valueInfo(ONNX_OUTPUT, layers[lastIndex]!.dense.outDim)],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Little-endian float32 bytes, as ONNX's raw_data wants them (every platform Node runs on is little-endian). */
function bytes(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

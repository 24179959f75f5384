// python/templates.py: a model's files filled into the first model's of its architecture are byte for
// byte what saving that model writes, on real torch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrainerPython } from '../testing/trainerPython.js';

const root = mkdtempSync(join(tmpdir(), 'trainyard-templates-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Saves model A, then B (filled from A's template), then B again with no template; per file: B
 * filled equals B saved, and differs from A. Also a model with two equal biases, which is not
 * templated (its bytes are not found once) and still saves what torch saves. */
const SCRIPT = `
import json, os, sys
import torch
import mlp, templates
root = sys.argv[1]
raw = {'expand': {'in_dim': 2, 'out_dim': 4, 'kernel': [1, -1, 0, 0, 0, 0, 1, -1], 'bias': [0.5, -0.5, 0.2, -0.2]},
       'standardise': {'in_dim': 4, 'out_dim': 2, 'kernel': [1, 0, -1, 0, 0, 2, 0, -2], 'bias': [0, 0]}}
def save(model, name):
    os.makedirs(os.path.join(root, name))
    return mlp.save_models(model, os.path.join(root, name), raw, 'classification')
read = lambda name, f: open(os.path.join(root, name, f), 'rb').read()
a, b = mlp.build_mlp(2, 3, 8, 2, 0.1, 1), mlp.build_mlp(2, 3, 8, 2, 0.1, 2)
files = save(a, 'a')
save(b, 'b_filled')
kept = len(templates._templates)
templates._templates.clear()
save(b, 'b_saved')
twins = mlp.build_mlp(2, 3, 5, 2, 0.0, 3)
with torch.no_grad():
    twins[0].bias.fill_(0.25)
    twins[3].bias.fill_(0.25)
templates._templates.clear()
save(twins, 'twins_a')
save(twins, 'twins_b')
x = torch.randn(4, 2)
loaded = torch.jit.load(os.path.join(root, 'b_filled', 'model.pt'))
print(json.dumps({
    'files': files, 'kept': kept,
    'same': {f: read('b_filled', f) == read('b_saved', f) for f in files},
    'differs': {f: read('a', f) != read('b_saved', f) for f in files},
    'untemplated': sorted(k[0] for k, v in templates._templates.items() if v is templates._NONE),
    'twins': all(read('twins_a', f) == read('twins_b', f) for f in files),
    'gap': (loaded(x) - b.eval()(x)).abs().max().item(),
}))
`;

describe('model file templates', () => {
  it('fill a model’s files byte for byte as saving it would, and skip architectures they cannot patch', () => {
    const r = runTrainerPython<{
      files: string[];
      kept: number;
      same: Record<string, boolean>;
      differs: Record<string, boolean>;
      untemplated: string[];
      twins: boolean;
      gap: number;
    }>(SCRIPT, [root]);
    expect(r.files).toEqual(['model.pt', 'raw_model.pt', 'model.onnx']);
    // model.pt, raw_model.pt (its own raw layers are part of the key) and model.onnx.
    expect(r.kept).toBe(3);
    expect(r.same).toEqual({ 'model.pt': true, 'raw_model.pt': true, 'model.onnx': true });
    expect(r.differs).toEqual({ 'model.pt': true, 'raw_model.pt': true, 'model.onnx': true });
    expect(r.untemplated).toEqual(['onnx', 'torchscript', 'torchscript']);
    expect(r.twins).toBe(true);
    expect(r.gap).toBe(0);
  });
});

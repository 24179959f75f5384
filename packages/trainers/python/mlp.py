"""The MLP both engines train: hidden × (Linear → ReLU → Dropout) → Linear."""
import copy
import io
import os

import torch
from torch import nn

MODEL_FILE = 'model.pt'
RAW_MODEL_FILE = 'raw_model.pt'
ONNX_FILE = 'model.onnx'


def build_mlp(n_features, n_outputs, hidden_dim, num_hidden_layers, dropout, seed):
    torch.manual_seed(seed)
    layers = []
    width = n_features
    for _ in range(num_hidden_layers):
        layers += [nn.Linear(width, hidden_dim), nn.ReLU(), nn.Dropout(dropout)]
        width = hidden_dim
    layers.append(nn.Linear(width, n_outputs))
    return nn.Sequential(*layers)


def count_parameters(module):
    return int(sum(p.numel() for p in module.parameters()))


def _linear(dense):
    """A torch Linear from the wire's row-major [in, out] kernel (see models/rawLayers.ts)."""
    layer = nn.Linear(int(dense['in_dim']), int(dense['out_dim']))
    kernel = torch.tensor(dense['kernel'], dtype=torch.float32).reshape(layer.in_features, layer.out_features)
    with torch.no_grad():
        layer.weight.copy_(kernel.t())
        layer.bias.copy_(torch.tensor(dense['bias'], dtype=torch.float32))
    return layer


def raw_model(model, raw_layers, task):
    """The raw-in/raw-out twin: raw feature columns in; probabilities (classification) or the
    target in its own units (regression) out. Shares `model`'s parameters."""
    front = [_linear(raw_layers['expand']), nn.ReLU(), _linear(raw_layers['standardise'])]
    back = [nn.Softmax(dim=1)] if task == 'classification' else [_linear(raw_layers['target_units'])]
    return nn.Sequential(*front, *model, *back)


def save_models(model, model_dir, raw_layers, task):
    """model.pt and, with the request's raw layers, raw_model.pt; returns the written file names.
    Saving leaves the global random state as it found it: building the raw twin's Linear layers draws
    from it, and an epoch checkpoint saves mid-training, where the next epochs' dropout masks come
    from that state (a checkpoint must equal a separate run of that many epochs)."""
    with torch.random.fork_rng(devices=[]):
        return _save_models(model, model_dir, raw_layers, task)


def _save_models(model, model_dir, raw_layers, task):
    save_torchscript(model, os.path.join(model_dir, MODEL_FILE))
    if raw_layers is None:
        return [MODEL_FILE]
    raw = raw_model(model, raw_layers, task)
    save_torchscript(raw, os.path.join(model_dir, RAW_MODEL_FILE))
    save_onnx(raw, int(raw_layers['expand']['in_dim']), os.path.join(model_dir, ONNX_FILE), list(model.parameters()))
    return [MODEL_FILE, RAW_MODEL_FILE, ONNX_FILE]


def _export_onnx(model, n_inputs):
    buffer = io.BytesIO()
    torch.onnx.export(model, torch.zeros(1, n_inputs), buffer, input_names=['input'], output_names=['output'],
                      dynamic_axes={'input': {0: 'rows'}, 'output': {0: 'rows'}}, opset_version=13)
    return buffer.getvalue()


def _blob(tensor):
    return tensor.detach().contiguous().numpy().tobytes()


_onnx_templates = {}


def save_onnx(model, n_inputs, path, trained=None):
    """torch.onnx.export (torch's own serialiser: the `onnx` python package is not needed).
    Input `input` [rows, raw columns], output `output`; the row count is free.

    Exporting traces the model (~15 ms, most of a small run's saving), so with `trained` (the
    parameters that differ between models of one architecture) each architecture is exported once
    per process: later models copy that file and overwrite the trained parameters' float32 bytes
    where the first model's stand (export writes Linear weights unchanged, as raw initialisers).
    Every other parameter (the raw layers) is part of the key. A template whose trained bytes are
    not each found exactly once is not kept: that architecture is exported every time."""
    model.eval()
    trained = trained or []
    ids = {id(p) for p in trained}
    fixed = b''.join(_blob(p) for p in model.parameters() if id(p) not in ids)
    key = (str(model), n_inputs, fixed) if trained else None
    template = _onnx_templates.get(key) if key else None
    if template is None:
        data = _export_onnx(model, n_inputs)
        if key:
            if len(_onnx_templates) >= 64:
                _onnx_templates.clear()
            blobs = [_blob(p) for p in trained]
            offsets = [data.find(b) for b in blobs]
            spans = sorted((o, o + len(b)) for o, b in zip(offsets, blobs))
            apart = all(end <= start for (_, end), (start, _) in zip(spans, spans[1:]))
            if apart and all(o >= 0 and data.count(b) == 1 for o, b in zip(offsets, blobs)):
                _onnx_templates[key] = (data, offsets)
    else:
        template_data, offsets = template
        data = bytearray(template_data)
        for offset, p in zip(offsets, trained):
            blob = _blob(p)
            data[offset:offset + len(blob)] = blob
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(data)
    os.replace(tmp, path)


_scripted = {}


def save_torchscript(model, path):
    """Scripted eval-mode model: torch.jit.load(path) needs none of our code to run it. Scripting
    costs several times the save, so each architecture (its printed layers, dropout rates included)
    is scripted once per process and later models of it only copy their weights in."""
    model.eval()
    key = str(model)
    scripted = _scripted.get(key)
    if scripted is None:
        if len(_scripted) >= 64:  # a warm process may see many architectures over its life
            _scripted.clear()
        # A copy: a scripted module shares its parameters with the module it was made from.
        scripted = _scripted[key] = torch.jit.script(copy.deepcopy(model))
    else:
        scripted.load_state_dict(model.state_dict())
    tmp = path + '.tmp'
    scripted.save(tmp)
    os.replace(tmp, path)

"""The MLP both engines train: hidden × (Linear → ReLU → Dropout) → Linear."""
import copy
import io
import os

import torch
from torch import nn

import templates

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
    trained = list(model.parameters())
    save_torchscript(model, os.path.join(model_dir, MODEL_FILE), trained)
    if raw_layers is None:
        return [MODEL_FILE]
    raw = raw_model(model, raw_layers, task)
    save_torchscript(raw, os.path.join(model_dir, RAW_MODEL_FILE), trained)
    save_onnx(raw, int(raw_layers['expand']['in_dim']), os.path.join(model_dir, ONNX_FILE), trained)
    return [MODEL_FILE, RAW_MODEL_FILE, ONNX_FILE]


def _export_onnx(model, n_inputs):
    buffer = io.BytesIO()
    torch.onnx.export(model, torch.zeros(1, n_inputs), buffer, input_names=['input'], output_names=['output'],
                      dynamic_axes={'input': {0: 'rows'}, 'output': {0: 'rows'}}, opset_version=13)
    return buffer.getvalue()


def _blob(tensor):
    return tensor.detach().contiguous().numpy().tobytes()


def _template_key(kind, model, trained, *rest):
    """What makes two models' files the same but for the trained parameters' bytes: the layers (their
    printed form, dropout rates included) and every other parameter (the raw layers); None: no template."""
    if not trained:
        return None
    ids = {id(p) for p in trained}
    return (kind, str(model), *rest, b''.join(_blob(p) for p in model.parameters() if id(p) not in ids))


def _write(path, data):
    # Straight to its name: a model directory is a temporary one the engine renames into place when
    # the run is complete (models/tempDirs.ts), and a rename per file costs as much as the write.
    with open(path, 'wb') as f:
        f.write(data)


def save_onnx(model, n_inputs, path, trained=None):
    """torch.onnx.export (torch's own serialiser: the `onnx` python package is not needed).
    Input `input` [rows, raw columns], output `output`; the row count is free. With `trained` (the
    parameters that differ between models of one architecture), each architecture is exported (traced,
    ~15 ms) once per process and later models fill that file (templates.py): export writes Linear
    weights unchanged, as raw initialisers."""
    model.eval()
    key = _template_key('onnx', model, trained, n_inputs)
    blobs = [_blob(p) for p in trained or []]
    data = templates.fill(key, blobs) if key else None
    if data is None:
        data = _export_onnx(model, n_inputs)
        if key:
            templates.remember(key, templates.raw_template(data, blobs))
    _write(path, data)


_scripted = {}


def save_torchscript(model, path, trained=None):
    """Scripted eval-mode model: torch.jit.load(path) needs none of our code to run it. Scripting
    costs several times the save, so each architecture (its printed layers, dropout rates included)
    is scripted once per process and later models of it only copy their weights in; with `trained`,
    the saved archive itself is a template that later models fill (templates.py: saving pickles and
    compresses the code every time, ~1 ms)."""
    model.eval()
    key = _template_key('torchscript', model, trained)
    blobs = [_blob(p) for p in trained or []]
    data = templates.fill(key, blobs) if key else None
    if data is not None:
        _write(path, data)
        return
    scripted = _scripted.get(str(model))
    if scripted is None:
        if len(_scripted) >= 64:  # a warm process may see many architectures over its life
            _scripted.clear()
        # A copy: a scripted module shares its parameters with the module it was made from.
        scripted = _scripted[str(model)] = torch.jit.script(copy.deepcopy(model))
    else:
        scripted.load_state_dict(model.state_dict())
    buffer = io.BytesIO()
    torch.jit.save(scripted, buffer)
    data = buffer.getvalue()
    if key:
        templates.remember(key, templates.zip_template(data, blobs))
    _write(path, data)

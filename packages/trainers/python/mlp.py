"""The MLP both engines train: hidden × (Linear → ReLU → Dropout) → Linear."""
import os

import torch
from torch import nn


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


def save_torchscript(model, path):
    """Scripted eval-mode model: torch.jit.load(path) needs none of our code to run it."""
    model.eval()
    scripted = torch.jit.script(model)
    tmp = path + '.tmp'
    scripted.save(tmp)
    os.replace(tmp, path)

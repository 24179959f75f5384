"""The baseline our PyTorch engine is measured against: a plain, hand-written training loop.

Same MLP, optimiser, epochs, batch size and seed as the engine; reads the arrays the engine gets
from raw float32 files and prints one JSON line with the training time (import and file loading
excluded, as a user timing their own loop would).

usage: pytorch_plain_loop.py DIR  (DIR holds x_train.f32 y_train.f32 x_test.f32 y_test.f32 and spec.json)
"""
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

folder = sys.argv[1]
spec = json.load(open(os.path.join(folder, 'spec.json')))
torch.set_num_threads(int(spec['threads']))


def load(name, cols=None):
    a = np.fromfile(os.path.join(folder, name), dtype='<f4')
    return torch.from_numpy(a.reshape(-1, cols) if cols else a)


f = int(spec['n_features'])
x_train, x_test = load('x_train.f32', f), load('x_test.f32', f)
y_train, y_test = load('y_train.f32').long(), load('y_test.f32').long()

torch.manual_seed(spec['seed'])
layers, width = [], f
for _ in range(spec['num_hidden_layers']):
    layers += [nn.Linear(width, spec['hidden_dim']), nn.ReLU(), nn.Dropout(spec['dropout'])]
    width = spec['hidden_dim']
model = nn.Sequential(*layers, nn.Linear(width, spec['n_classes']))
optimizer = torch.optim.Adam(model.parameters(), lr=spec['learning_rate'])
loss_fn = nn.CrossEntropyLoss()
bs = spec['batch_size']
n = x_train.shape[0]

start = time.perf_counter()
for epoch in range(spec['epochs']):
    model.train()
    perm = torch.randperm(n)
    for i in range(0, n, bs):
        idx = perm[i:i + bs]
        optimizer.zero_grad()
        loss = loss_fn(model(x_train[idx]), y_train[idx])
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        test_loss = loss_fn(model(x_test), y_test).item()
seconds = time.perf_counter() - start
with torch.no_grad():
    accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
print(json.dumps({'seconds': seconds, 'test_loss': test_loss, 'accuracy': accuracy}))

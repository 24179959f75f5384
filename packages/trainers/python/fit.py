"""Distillation's training loop (the student and the from-scratch comparison); plain runs use fused.py.

Tight batching on in-memory tensors: one seeded permutation per epoch gathers the whole training
set once, then batches are views of it (no DataLoader, no per-sample Python).
"""
import math

import torch
import torch.nn.functional as F


class TrainingFailed(Exception):
    """An expected, user-safe failure of one run (the process stays usable)."""


def task_loss(task, outputs, y):
    if task == 'classification':
        return F.cross_entropy(outputs, y)
    return F.mse_loss(outputs.reshape(-1), y)


def as_targets(task, y):
    t = torch.from_numpy(y.copy())
    return t.long() if task == 'classification' else t.float()


def fit(model, x_train, y_train, x_test, y_test, task, params, loss_fn=None, on_epoch=None):
    """Trains in place (distillation's student and its from-scratch twin); returns the per-epoch events.

    loss_fn(outputs, batch_index, y) → loss lets distillation mix in the teacher's outputs; batch_index
    indexes the training rows of the batch. Default: the task loss on the hard labels.
    """
    epochs = int(params['epochs'])
    batch_size = int(params['batch_size'])
    generator = torch.Generator().manual_seed(int(params['seed']))
    optimizer = torch.optim.Adam(model.parameters(), lr=float(params['learning_rate']))
    n = x_train.shape[0]
    history = []
    for epoch in range(1, epochs + 1):
        model.train()
        perm = torch.randperm(n, generator=generator)
        xs = x_train[perm]
        ys = y_train[perm]
        batch_losses = []
        for start in range(0, n, batch_size):
            stop = min(start + batch_size, n)
            outputs = model(xs[start:stop])
            if loss_fn is None:
                loss = task_loss(task, outputs, ys[start:stop])
            else:
                loss = loss_fn(outputs, perm[start:stop], ys[start:stop])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            # Summed once per epoch: a per-batch .item() would sync and cost more than small batches.
            batch_losses.append(loss.detach())
        sizes = torch.full((len(batch_losses),), float(batch_size), dtype=torch.float64)
        sizes[-1] = n - batch_size * (len(batch_losses) - 1)
        train_loss = float((torch.stack(batch_losses).double() * sizes).sum().item()) / n
        model.eval()
        with torch.no_grad():
            test_loss = float(task_loss(task, model(x_test), y_test).item()) if x_test.shape[0] else 0.0
        for value in (train_loss, test_loss):
            if not math.isfinite(value):
                word = 'NaN' if math.isnan(value) else 'infinite'
                raise TrainingFailed(
                    f'Training diverged (loss became {word} at epoch {epoch}); try a lower learning rate')
        event = {'epoch': epoch, 'epochs': epochs, 'train_loss': train_loss, 'test_loss': test_loss}
        history.append(event)
        if on_epoch is not None:
            on_epoch(event)
    model.eval()
    return history

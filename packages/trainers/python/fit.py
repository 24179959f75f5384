"""The training loop shared by plain training, distillation and the from-scratch comparison.

Tight batching on in-memory tensors: one seeded permutation per epoch gathers the whole training
set once, then batches are views of it (no DataLoader, no per-sample Python).
"""
import math

import torch
import torch.nn.functional as F

from metrics import score


class TrainingFailed(Exception):
    """An expected, user-safe failure of one run (the process stays usable)."""


def task_loss(task, outputs, y):
    if task == 'classification':
        return F.cross_entropy(outputs, y)
    return F.mse_loss(outputs.reshape(-1), y)


def as_targets(task, y):
    t = torch.from_numpy(y.copy())
    return t.long() if task == 'classification' else t.float()


class _BestEpoch:
    """Early stopping: the best validation epoch's weights (a rise of more than min_delta counts)."""

    def __init__(self, model, patience, min_delta):
        self.model = model
        self.patience = int(patience)
        self.min_delta = float(min_delta)
        self.epoch = 0
        self.score = -math.inf
        self.state = None

    def stop_after(self, epoch, val_score):
        if self.epoch == 0 or val_score > self.score + self.min_delta:
            self.epoch, self.score = epoch, val_score
            self.state = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
            return False
        return epoch - self.epoch >= self.patience

    def restore(self):
        self.model.load_state_dict(self.state)

    def lend(self, fn):
        """Runs fn with the best weights in the model, then puts the current ones back."""
        current = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
        self.restore()
        try:
            fn()
        finally:
            self.model.load_state_dict(current)


class StopFlag:
    """Set from a signal handler to end a run after its current epoch (pruning); cleared per request."""
    asked = False


def fit(model, x_train, y_train, x_test, y_test, task, params, loss_fn=None, on_epoch=None,
        val=None, early_stopping=None, checkpoints=(), on_checkpoint=None, pruned=None):
    """Trains in place; returns (history, best_epoch): the per-epoch events and the epoch whose
    weights the model holds (the best validation epoch under early stopping, else the last).

    loss_fn(outputs, batch_index) → loss lets distillation mix in the teacher's outputs; batch_index
    indexes the training rows of the batch. Default: the task loss on the hard labels.
    val: (x_val, y_val) adds val_loss and val_score to each epoch; early_stopping
    {'patience', 'min_delta'} (needs val) stops and restores the best epoch. Evaluation runs in
    eval mode under no_grad and draws no random numbers, so the first k epochs equal a k-epoch run.
    on_checkpoint(epoch, best_epoch, history) runs after each epoch in checkpoints with the model holding what
    a run of that many epochs would end with (the best epoch so far under early stopping).
    pruned: a list; when StopFlag.asked ends training before its last epoch, True is appended to it
    (one attribute read per epoch, so the loop pays nothing for it).
    """
    epochs = int(params['epochs'])
    batch_size = int(params['batch_size'])
    generator = torch.Generator().manual_seed(int(params['seed']))
    optimizer = torch.optim.Adam(model.parameters(), lr=float(params['learning_rate']))
    n = x_train.shape[0]
    history = []
    best = None
    if early_stopping is not None and val is not None:
        best = _BestEpoch(model, early_stopping['patience'], early_stopping['min_delta'])
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
            losses = (train_loss, test_loss)
            if val is not None:
                val_outputs = model(val[0])
                val_loss = float(task_loss(task, val_outputs, val[1]).item())
                losses += (val_loss,)
        for value in losses:
            if not math.isfinite(value):
                word = 'NaN' if math.isnan(value) else 'infinite'
                raise TrainingFailed(
                    f'Training diverged (loss became {word} at epoch {epoch}); try a lower learning rate')
        event = {'epoch': epoch, 'epochs': epochs, 'train_loss': train_loss, 'test_loss': test_loss}
        if val is not None:
            event['val_loss'] = val_loss
            event['val_score'] = score(task, val_outputs, val[1])
        history.append(event)
        if on_epoch is not None:
            on_epoch(event)
        stop = best is not None and best.stop_after(epoch, event['val_score'])
        if epoch in checkpoints:
            if best is None:
                on_checkpoint(epoch, epoch, history)
            else:
                best.lend(lambda: on_checkpoint(epoch, best.epoch, history))
        if stop:
            break
        if pruned is not None and epoch < epochs and StopFlag.asked:
            pruned.append(True)
            break
    if best is not None:
        best.restore()
    model.eval()
    return history, (best.epoch if best is not None else len(history))

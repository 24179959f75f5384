"""Training a group of MLPs as one stacked model (stacked.py), each member answering as its own run.

Members share the data, batch size, depth and seed; each has its own epochs, learning rate, dropout,
hidden width, epoch checkpoints, early-stopping state and fate. A member that ends (its last epoch,
an early stop, a prune, a stop, a non-finite loss) is sliced out, answered and dropped from the stack;
the others go on untouched. Evaluation draws no random numbers, so the first k epochs of a run are a
k-epoch run (checkpoints).
"""
import json
import math
import time

import torch

from metrics import score
from results import as_run_of, train_result
from stacked import (FlatAdam, GroupDropout, StackedMLP, dropout_uniforms, epoch_losses, member_losses,
                     step_losses, step_targets)


class StopFlag:
    """Set from a signal handler to prune a single run after its current epoch; cleared per request."""
    asked = False


def _controls(path):
    """Member indexes to stop and to prune, from the file the engine rewrites (read after every epoch)."""
    try:
        with open(path, encoding='utf-8') as f:
            asked = json.load(f)
    except (OSError, ValueError):
        return set(), set()
    return set(asked.get('stop', [])), set(asked.get('prune', []))


class _Member:
    def __init__(self, index, spec):
        self.index = index
        self.params = spec['params']
        self.epochs = int(self.params['epochs'])
        self.model_dir = spec['model_dir']
        self.wanted = {int(c['epochs']): c['model_dir'] for c in spec.get('checkpoints', [])}
        self.taken = {}
        self.history = []
        self.best_epoch, self.best_score, self.best_weights = 0, -math.inf, None

    def stop_after(self, epoch, val_score, weights, early):
        """Early stopping: keeps the best validation epoch's weights (a rise of more than min_delta counts)."""
        if self.best_epoch == 0 or val_score > self.best_score + float(early['min_delta']):
            self.best_epoch, self.best_score, self.best_weights = epoch, val_score, weights()
            return False
        return epoch - self.best_epoch >= int(early['patience'])


def _diverged(epoch, losses):
    for value in losses:
        if not math.isfinite(value):
            word = 'NaN' if math.isnan(value) else 'infinite'
            return f'Training diverged (loss became {word} at epoch {epoch}); try a lower learning rate'
    return None


class _Part:
    """The members of one hidden width, stacked; `active` in stack order."""

    def __init__(self, stack, members):
        self.stack, self.active = stack, members
        self.batch_losses = []


def _parts(req, members, n_outputs, seed):
    """One stack per hidden width. Padding narrower members to the widest is exact in arithmetic, but
    changes the order BLAS sums in (measured here: ~1e-7 per step, which a chaotic run, digits at lr
    0.01, grows to 0.05 in loss over 20 epochs); a stack of equal widths is bitwise a separate run."""
    by_width = {}
    for member in members:
        by_width.setdefault(int(member.params['hidden_dim']), []).append(member)
    return [_Part(StackedMLP(int(req['n_features']), n_outputs, int(members[0].params['num_hidden_layers']), seed,
                             width, [float(m.params['dropout']) for m in group],
                             [float(m.params['learning_rate']) for m in group]), group)
            for width, group in by_width.items()]


def train_group(req, data, on_epoch, epoch_done=None):
    """data: (x_train, y_train, x_test, y_test, val (x_val, y_val) or None). on_epoch(index, event).
    With `control_path` members are stopped and pruned by that file; without, a SIGUSR1 (StopFlag)
    prunes every member (a single run's prune). With `epoch_done` (a request that can be pruned), it is
    called after each epoch's events and before any member goes on; the indexes it returns are pruned
    at that epoch (the engine decided while handling the events). Returns one outcome per member, in order:
    {'ok': True, 'result'} or {'ok': False, 'code', 'message'}."""
    started = time.perf_counter()
    task = req['task']
    x_train, y_train, x_test, y_test, val = data
    members = [_Member(i, spec) for i, spec in enumerate(req['members'])]
    outcomes = [None] * len(members)
    n_outputs = int(req['n_classes']) if task == 'classification' else 1
    seed, batch_size = int(members[0].params['seed']), int(members[0].params['batch_size'])
    parts = _parts(req, members, n_outputs, seed)
    early = req.get('early_stopping') if val is not None else None
    with_outputs, raw_layers = bool(req.get('return_test_outputs')), req.get('raw_layers')
    control_path = req.get('control_path')
    shuffle = torch.Generator().manual_seed(seed)
    n = x_train.shape[0]
    draw = 0

    def answer(stack, member, weights, best_epoch, history, model_dir):
        model = stack.to_mlp(weights, member.params)
        return train_result(task, model, history, best_epoch, x_test, y_test, model_dir, started,
                            with_outputs, raw_layers)

    def finish(stack, member, row, pruned):
        weights = member.best_weights if early else stack.weights_of(row)
        best_epoch = member.best_epoch if early else len(member.history)
        result = answer(stack, member, weights, best_epoch, member.history, member.model_dir)
        if pruned:
            result['pruned'] = True
        if member.wanted:
            # Counts past an early stop end where this run ended, as their own runs would.
            result['checkpoints'] = [
                member.taken[e] if e in member.taken else
                answer(stack, member, weights, best_epoch, as_run_of(member.history, e), model_dir)
                for e, model_dir in sorted(member.wanted.items())]
        return {'ok': True, 'result': result}

    def report_epoch(epoch, part, stopped):
        """Reports each member's epoch; ends the stopped, failed and finished ones. Returns the rows
        [(row, member)] that may go on."""
        stack = part.stack
        train_losses = epoch_losses(task, part.batch_losses).tolist()
        part.batch_losses = []
        test_losses = (member_losses(task, stack.forward(x_test), y_test).tolist() if x_test.shape[0]
                       else [0.0] * len(part.active))
        if val is not None:
            val_outputs = stack.forward(val[0])
            val_losses = member_losses(task, val_outputs, val[1]).tolist()
        open_rows = []
        for row, member in enumerate(part.active):
            if member.index in stopped:
                outcomes[member.index] = {'ok': False, 'code': 'CANCELLED', 'message': 'Training was cancelled'}
                continue
            losses = (train_losses[row], test_losses[row]) + ((val_losses[row],) if val is not None else ())
            failure = _diverged(epoch, losses)
            if failure:
                outcomes[member.index] = {'ok': False, 'code': 'TRAINING_FAILED', 'message': failure}
                continue
            event = {'epoch': epoch, 'epochs': member.epochs, 'train_loss': losses[0], 'test_loss': losses[1]}
            if val is not None:
                event['val_loss'] = losses[2]
                event['val_score'] = score(task, val_outputs[row], val[1])
            member.history.append(event)
            on_epoch(member.index, event)
            early_stop = early is not None and member.stop_after(epoch, event['val_score'],
                                                                 lambda r=row: stack.weights_of(r), early)
            if epoch in member.wanted:
                weights = member.best_weights if early else stack.weights_of(row)
                member.taken[epoch] = answer(stack, member, weights, member.best_epoch if early else epoch,
                                             as_run_of(member.history, epoch), member.wanted[epoch])
            if early_stop or epoch == member.epochs:
                outcomes[member.index] = finish(stack, member, row, pruned=False)
                continue
            open_rows.append((row, member))
        return open_rows

    def going_on(part, open_rows, pruned):
        """Ends the pruned members; returns the rows that go on."""
        staying = []
        for row, member in open_rows:
            if member.index in pruned:
                outcomes[member.index] = finish(part.stack, member, row, pruned=True)
            else:
                staying.append(row)
        return staying

    epoch = 0
    adam, dropout = FlatAdam([part.stack for part in parts]), GroupDropout([part.stack for part in parts])
    generator, layers = torch.Generator(), int(members[0].params['num_hidden_layers'])
    widest = max(int(m.params['hidden_dim']) for m in members)
    while parts:
        epoch += 1
        perm = torch.randperm(n, generator=shuffle)
        xs, ys = x_train[perm], y_train[perm]
        for start in range(0, n, batch_size):
            stop = min(start + batch_size, n)
            uniforms = dropout_uniforms(generator, seed, draw, layers, widest, stop - start) if dropout.any else None
            x, targets = xs[start:stop], step_targets(task, ys[start:stop], n_outputs)
            for part, masks in zip(parts, dropout.masks(uniforms)):
                stack = part.stack
                outputs, inputs = stack.forward_keeping(x, masks)
                terms, grad_outputs = step_losses(task, outputs, targets)
                stack.backward(grad_outputs, inputs, masks)
                # Summed once per epoch: a per-batch .item() would sync and cost more than small batches.
                part.batch_losses.append(terms)
            draw += 1
            adam.step()
        stopped, pruned = (_controls(control_path) if control_path else
                           (set(), {m.index for m in members} if StopFlag.asked else set()))
        reported = [(part, report_epoch(epoch, part, stopped)) for part in parts]
        if epoch_done is not None and any(open_rows for _part, open_rows in reported):
            pruned = pruned | epoch_done()
        going, changed = [], False
        for part, open_rows in reported:
            staying = going_on(part, open_rows, pruned)
            if len(staying) < len(part.active):
                changed = True
                part.active = [part.active[row] for row in staying]
                if staying:
                    part.stack.keep(staying)
            if staying:
                going.append(part)
        parts = going
        if changed and parts:
            stacks = [part.stack for part in parts]
            adam, dropout = FlatAdam(stacks, adam.steps), GroupDropout(stacks)
    return outcomes

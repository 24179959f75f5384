"""One request → one result: plain training, fused groups and distillation."""
import os
import time

import torch
import torch.nn.functional as F

from fit import TrainingFailed, as_targets, fit
from fused import train_group
from metrics import agreement, score
from mlp import build_mlp, count_parameters, save_models
from results import predict


def _tensors(req, arrays):
    task = req['task']
    n_features = int(req['n_features'])
    x_train = torch.from_numpy(arrays['x_train'].reshape(-1, n_features).copy())
    x_test = torch.from_numpy(arrays['x_test'].reshape(-1, n_features).copy())
    return x_train, as_targets(task, arrays['y_train']), x_test, as_targets(task, arrays['y_test'])


def _validation(req, arrays):
    """(x_val, y_val) when the request carries validation rows, else None."""
    if 'x_val' not in arrays:
        return None
    x_val = torch.from_numpy(arrays['x_val'].reshape(-1, int(req['n_features'])).copy())
    return x_val, as_targets(req['task'], arrays['y_val'])


def _outputs(req):
    return int(req['n_classes']) if req['task'] == 'classification' else 1


def _model(req, p):
    return build_mlp(int(req['n_features']), _outputs(req), int(p['hidden_dim']),
                     int(p['num_hidden_layers']), float(p['dropout']), int(p['seed']))


def _data(req, arrays):
    return (*_tensors(req, arrays), _validation(req, arrays))


def train(req, arrays, on_epoch, epoch_done=None):
    """One run: a group of one (fused.py), so a model trained alone and inside a group agree. Also
    answers `checkpoints` [{epochs, model_dir}]: what runs of fewer epochs (same seed) would return,
    taken on the way (the first k epochs of a run are a k-epoch run)."""
    member = {'params': req['params'], 'model_dir': req['model_dir'], 'checkpoints': req.get('checkpoints', [])}
    [outcome] = train_group(dict(req, members=[member]), _data(req, arrays), lambda _index, event: on_epoch(event),
                            epoch_done)
    if not outcome['ok']:
        raise TrainingFailed(outcome['message'])
    return outcome['result']


def train_members(req, arrays, on_epoch, epoch_done=None):
    """A fused group: `members` [{params, model_dir, checkpoints}] → {'outcomes': one per member}."""
    outcomes = train_group(req, _data(req, arrays), lambda index, event: on_epoch(dict(event, member=index)),
                           epoch_done)
    return {'outcomes': outcomes}


def _distill_loss(task, teacher_train, temperature, alpha):
    """Hinton et al. (2015); alpha weighs the teacher's soft targets, 1 − alpha the hard labels."""
    t2 = temperature * temperature

    def loss(outputs, index, y):
        teacher = teacher_train[index]
        if task == 'classification':
            soft = F.kl_div(F.log_softmax(outputs / temperature, dim=1),
                            F.softmax(teacher / temperature, dim=1), reduction='batchmean')
            return alpha * t2 * soft + (1 - alpha) * F.cross_entropy(outputs, y)
        pred = outputs.reshape(-1)
        return alpha * F.mse_loss(pred, teacher.reshape(-1)) + (1 - alpha) * F.mse_loss(pred, y)

    return loss


def load_teacher(path, n_features, n_outputs):
    teacher = torch.jit.load(path)
    teacher.eval()
    try:
        with torch.no_grad():
            probe = teacher(torch.zeros(1, n_features))
    except RuntimeError as err:
        raise TrainingFailed(
            f'Teacher model does not fit this dataset (it does not take {n_features} input features)') from err
    if probe.shape[-1] != n_outputs:
        raise TrainingFailed(
            f'Teacher model does not fit this dataset (it has {probe.shape[-1]} outputs, expected {n_outputs})')
    return teacher


def distill(req, arrays, on_epoch):
    """The student's test_loss is its task loss on the hard test labels, comparable with a plain run."""
    started = time.perf_counter()
    task = req['task']
    x_train, y_train, x_test, y_test = _tensors(req, arrays)
    teacher = load_teacher(req['teacher_path'], int(req['n_features']), _outputs(req))
    # Teacher outputs once, on the training split: the student's soft targets.
    teacher_train = predict(teacher, x_train)
    teacher_test = predict(teacher, x_test)
    student_params = req['student']
    student = _model(req, student_params)
    loss_fn = _distill_loss(task, teacher_train, float(req['temperature']), float(req['alpha']))
    history = fit(student, x_train, y_train, x_test, y_test, task, student_params, loss_fn, on_epoch)
    student_test = predict(student, x_test)
    files = save_models(student, req['model_dir'], req.get('raw_layers'), task)
    last = history[-1]
    result = {
        'metric_name': 'accuracy' if task == 'classification' else 'r2',
        'teacher_score': score(task, teacher_test, y_test),
        'student_score': score(task, student_test, y_test),
        'teacher_parameters': count_parameters(teacher),
        'student_parameters': count_parameters(student),
        'agreement': agreement(task, student_test, teacher_test),
        'train_loss': last['train_loss'],
        'test_loss': last['test_loss'],
        'history': history,
        'files': files,
    }
    if req.get('compare_scratch'):
        # Same architecture and seed, hard labels only: what distillation bought.
        scratch = _model(req, student_params)
        fit(scratch, x_train, y_train, x_test, y_test, task, student_params)
        result['scratch_score'] = score(task, predict(scratch, x_test), y_test)
    result['duration_ms'] = (time.perf_counter() - started) * 1000
    return result


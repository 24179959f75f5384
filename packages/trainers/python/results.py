"""What a trained model answers: its scores, losses and history, with its files saved."""
import time

import torch

from metrics import score
from mlp import count_parameters, save_models
from protocol import float32_base64


def predict(model, x):
    model.eval()
    with torch.no_grad():
        return model(x)


def train_result(task, model, history, best_epoch, x_test, y_test, model_dir, started, with_outputs,
                 raw_layers=None):
    """The result of a run that ended with `history` and the model's current weights, saved to model_dir."""
    test_outputs = predict(model, x_test)
    files = save_models(model, model_dir, raw_layers, task)
    saved = history[best_epoch - 1]
    result = {
        'metric_name': 'accuracy' if task == 'classification' else 'r2',
        'metric_score': score(task, test_outputs, y_test),
        'train_loss': saved['train_loss'],
        'test_loss': saved['test_loss'],
        'best_epoch': best_epoch,
        'stopped_epoch': len(history),
        'history': history,
        'parameter_count': count_parameters(model),
        'duration_ms': (time.perf_counter() - started) * 1000,
        'files': files,
    }
    if 'val_score' in saved:
        result['val_score'] = saved['val_score']
        result['val_loss'] = saved['val_loss']
    if with_outputs:
        result['test_outputs'] = float32_base64(test_outputs.numpy())
    return result


def as_run_of(history, epochs):
    """The events as a run of `epochs` epochs reports them."""
    return [dict(event, epochs=epochs) for event in history]

"""Scores on the test split: accuracy for classification, r2 for regression."""
import torch


def _share(hits):
    # Count in integers so 27 of 30 reads 0.9, not float32's 0.8999999761581421.
    return int(hits.sum().item()) / max(1, hits.numel())


def accuracy(logits, y):
    return _share(logits.argmax(dim=1) == y)


def r2(pred, y):
    pred = pred.reshape(-1).double()
    y = y.reshape(-1).double()
    ss_res = torch.sum((y - pred) ** 2)
    ss_tot = torch.sum((y - y.mean()) ** 2)
    if ss_tot.item() == 0:
        return 0.0
    return float((1 - ss_res / ss_tot).item())


def score(task, outputs, y):
    return accuracy(outputs, y) if task == 'classification' else r2(outputs, y)


def agreement(task, student, teacher):
    """Classification: share of equal argmax. Regression: r2 of the student against the teacher."""
    if task == 'classification':
        return _share(student.argmax(dim=1) == teacher.argmax(dim=1))
    return r2(student, teacher)

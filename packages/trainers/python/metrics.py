"""Scores on the test split: accuracy for classification, r2 for regression."""
import torch


def accuracy(logits, y):
    return float((logits.argmax(dim=1) == y).float().mean().item())


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
        return float((student.argmax(dim=1) == teacher.argmax(dim=1)).float().mean().item())
    return r2(student, teacher)

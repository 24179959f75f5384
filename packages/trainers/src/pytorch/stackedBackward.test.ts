// The stacked MLP's hand-written backward (python/stacked.py) against torch autograd, on real torch.
import { describe, expect, it } from 'vitest';
import { runTrainerPython } from '../testing/trainerPython.js';

/** Random stacks of 3 members (width 7, 2 hidden layers, odd batch of 13 rows), each case's largest
 * gradient difference between StackedMLP.backward and autograd through the same layers written for it,
 * and the largest difference of the members' losses. */
const SCRIPT = `
import json, sys
import torch
from stacked import (FlatAdam, GroupDropout, StackedMLP, dropout_uniforms, epoch_losses, member_losses,
                     step_losses, step_targets)
torch.use_deterministic_algorithms(True)
def reference(params, x, masks):
    # The layers written for autograd: out of place, as nn.Linear → ReLU → Dropout would be.
    h = x.unsqueeze(0).expand(params[0].shape[0], -1, -1)
    for i in range(len(params) // 2 - 1):
        h = torch.baddbmm(params[2 * i + 1], h, params[2 * i]).relu()
        if masks is not None:
            h = h * masks[i]
    return torch.baddbmm(params[-1], h, params[-2])
out = {}
for task in ('classification', 'regression'):
    for dropouts in ([0.0, 0.0, 0.0], [0.1, 0.0, 0.5]):
        n_outputs = 4 if task == 'classification' else 1
        stack = StackedMLP(5, n_outputs, 2, 3, 7, dropouts, [0.01, 0.02, 0.03])
        FlatAdam([stack])
        torch.manual_seed(1)
        x = torch.randn(13, 5)
        y = torch.randint(0, 4, (13,)) if task == 'classification' else torch.randn(13)
        [masks] = GroupDropout([stack]).masks(dropout_uniforms(torch.Generator(), 3, 0, 2, 7, 13))
        outputs, inputs = stack.forward_keeping(x, masks)
        terms, grad_outputs = step_losses(task, outputs, step_targets(task, y, n_outputs))
        stack.backward(grad_outputs, inputs, masks)
        leaves = [p.detach().clone().requires_grad_() for p in stack.params]
        reference_losses = member_losses(task, reference(leaves, x, masks), y)
        expected = torch.autograd.grad(reference_losses.sum(), leaves)
        diffs = [(g - e).abs().max().item() for g, e in zip(stack.grads, expected)]
        key = task + (' with dropout' if any(dropouts) else '')
        out[key] = {'diff': max(diffs), 'norm': min(e.abs().max().item() for e in expected),
                    'losses': (epoch_losses(task, [terms]) - reference_losses).abs().max().item()}
print(json.dumps(out))
`;

describe('StackedMLP.backward', () => {
  it('gives autograd’s gradients for classification and regression, with and without dropout', () => {
    const cases = runTrainerPython<Record<string, { diff: number; norm: number; losses: number }>>(SCRIPT);
    expect(Object.keys(cases).sort()).toEqual([
      'classification',
      'classification with dropout',
      'regression',
      'regression with dropout',
    ]);
    for (const [name, c] of Object.entries(cases)) {
      // Every parameter has a gradient worth comparing, and each one matches.
      expect(c.norm, name).toBeGreaterThan(1e-4);
      expect(c.diff, name).toBeLessThan(1e-6);
      expect(c.losses, name).toBeLessThan(1e-6);
    }
  });
});

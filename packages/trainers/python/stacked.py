"""Several MLPs of one shape as one model: weights stacked on a leading model axis (baddbmm).

Every training run goes through here, a single run being a stack of one, so a model trained alone
and the same model trained inside a group do the same arithmetic, bitwise: each member's matrix
products are their own (batched per member) and its Adam step is elementwise. Members of a stack
share the hidden width; fused.py stacks each width of a group separately (why: fused._parts).
No autograd: backward is written out (the kernels autograd would run, bitwise the same gradients),
which halves a small run's time per step, most of it autograd's bookkeeping.

Randomness per member: initial weights from build_mlp(seed), as a separate run; the shuffle and the
dropout masks from streams that depend on the seed and the step only (members of one group share
the seed, so they share them). A dropout draw is `rand(width, rows)` from a generator seeded for
that (step, layer): its first h rows are what a width-h model draws, so one draw serves every width.
"""
import torch
from torch import nn

from mlp import build_mlp

BETA1, BETA2, EPS = 0.9, 0.999, 1e-8
_GOLDEN = 0x9E3779B9  # odd, so step → seed is one-to-one modulo 2^32 (torch's mt19937 keeps 32 bits)


def dropout_uniforms(generator, seed, draw, layers, width, rows):
    """Training step `draw`'s uniforms per hidden layer, [width, rows] each: the generator is seeded
    for that (step, layer), so the first h rows are what a width-h model draws."""
    out = []
    for i in range(layers):
        generator.manual_seed((int(seed) + (draw * layers + i) * _GOLDEN) & 0xFFFFFFFF)
        out.append(torch.rand(width, rows, generator=generator))
    return out


class StackedMLP:
    """hidden × (Linear → ReLU → Dropout) → Linear, M times, with each member's Adam moments and
    learning rate (FlatAdam steps them)."""

    def __init__(self, n_features, n_outputs, num_hidden_layers, seed, width, dropouts, learning_rates):
        m = len(dropouts)
        self.seed, self.layers, self.width = int(seed), num_hidden_layers, width
        self.n_features, self.n_outputs = n_features, n_outputs
        self.dropouts = list(dropouts)
        # Same seed and width: every member starts from the weights a separate run starts from.
        linears = [l for l in build_mlp(n_features, n_outputs, width, num_hidden_layers, 0.0, seed)
                   if isinstance(l, nn.Linear)]
        self.params = [t for linear in linears for t in (linear.weight.detach().t().unsqueeze(0).repeat(m, 1, 1),
                                                          linear.bias.detach().view(1, 1, -1).repeat(m, 1, 1))]
        self.grads = [None] * len(self.params)  # views of FlatAdam's gradient buffer
        self.exp_avg = [torch.zeros_like(p) for p in self.params]
        self.exp_avg_sq = [torch.zeros_like(p) for p in self.params]
        self.lr = torch.tensor(learning_rates, dtype=torch.float32).view(m, 1, 1)
        self.drop_p = torch.tensor(dropouts, dtype=torch.float32).view(m, 1, 1)

    def forward(self, x, masks=None):
        """x [rows, features] → outputs [M, rows, outputs]; masks per hidden layer (training) or None."""
        return self.forward_keeping(x, masks)[0]

    def forward_keeping(self, x, masks=None):
        """forward, also returning each layer's input [M, rows, in] (what backward needs)."""
        h = x.unsqueeze(0).expand(len(self.dropouts), -1, -1)
        inputs = [h]
        for i in range(self.layers):
            h = torch.baddbmm(self.params[2 * i + 1], h, self.params[2 * i]).relu_()
            if masks is not None:
                h.mul_(masks[i])
            inputs.append(h)
        return torch.baddbmm(self.params[-1], h, self.params[-2]), inputs

    def backward(self, grad_outputs, inputs, masks):
        """Writes the gradients of the summed loss into self.grads, given its gradient with respect to
        the outputs [M, rows, outputs] and forward_keeping's inputs: the products autograd makes for
        baddbmm (bmm with the transposed operand, a sum over rows for the bias), ReLU's derivative
        where the layer's output is positive (a dropped unit is 0 there too), the mask's scale."""
        g = grad_outputs
        for i in range(self.layers, -1, -1):
            h = inputs[i]
            torch.bmm(h.transpose(1, 2), g, out=self.grads[2 * i])
            torch.sum(g, 1, keepdim=True, out=self.grads[2 * i + 1])
            if i:
                g = torch.bmm(g, self.params[2 * i].transpose(1, 2))
                if masks is not None:
                    g.mul_(masks[i - 1])
                g = torch.ops.aten.threshold_backward(g, h, 0)

    def keep(self, rows):
        """Drops every member not in `rows` (positions in the stack); the others are untouched."""
        index = torch.tensor(rows, dtype=torch.long)
        self.params = [p.index_select(0, index) for p in self.params]
        self.grads = [None] * len(self.params)
        self.exp_avg = [t.index_select(0, index) for t in self.exp_avg]
        self.exp_avg_sq = [t.index_select(0, index) for t in self.exp_avg_sq]
        self.lr, self.drop_p = self.lr.index_select(0, index), self.drop_p.index_select(0, index)
        self.dropouts = [self.dropouts[r] for r in rows]

    def weights_of(self, row):
        """Member `row`'s own weights, copied: [in, out] kernels and their biases."""
        return [p[row, 0].clone() if i % 2 else p[row].clone() for i, p in enumerate(self.params)]

    def to_mlp(self, weights, row_params):
        """The plain nn.Sequential (mlp.build_mlp's layers) holding `weights` of weights_of."""
        model = build_mlp(self.n_features, self.n_outputs, self.width, self.layers,
                          float(row_params['dropout']), self.seed)
        linears = [layer for layer in model if isinstance(layer, nn.Linear)]
        with torch.no_grad():
            for i, linear in enumerate(linears):
                linear.weight.copy_(weights[2 * i].t())
                linear.bias.copy_(weights[2 * i + 1])
        model.eval()
        return model


class FlatAdam:
    """torch.optim.Adam (no weight decay, no amsgrad) over every stack at once: their parameters and
    moments are views of three flat buffers, so one step is a handful of elementwise operations
    whatever the number of stacks, layers and members, each element with its member's learning rate.
    Build a new one whenever members leave (StackedMLP.keep); it carries the moments over."""

    def __init__(self, stacks, steps=0):
        self.stacks, self.steps = stacks, steps
        tensors = [(stack, i) for stack in stacks for i in range(len(stack.params))]
        flat = lambda pick: torch.cat([pick(stack, i).detach().reshape(-1) for stack, i in tensors])
        self.data = flat(lambda stack, i: stack.params[i])
        self.exp_avg = flat(lambda stack, i: stack.exp_avg[i])
        self.exp_avg_sq = flat(lambda stack, i: stack.exp_avg_sq[i])
        self.lr = flat(lambda stack, i: stack.lr.expand_as(stack.params[i])).float()
        # StackedMLP.backward writes every gradient into its view of this buffer: no concatenation per step.
        self.grad = torch.empty_like(self.data)
        offset = 0
        for stack, i in tensors:
            shape, size = stack.params[i].shape, stack.params[i].numel()
            view = lambda buffer: buffer[offset:offset + size].view(shape)
            stack.params[i], stack.grads[i] = view(self.data), view(self.grad)
            stack.exp_avg[i], stack.exp_avg_sq[i] = view(self.exp_avg), view(self.exp_avg_sq)
            offset += size
        # Scratch for step, allocated once: the same operations written into them.
        self._denom, self._scaled = torch.empty_like(self.data), torch.empty_like(self.data)

    def step(self):
        """One Adam step with the gradients the stacks' backward wrote."""
        self.steps += 1
        bias_correction1 = 1 - BETA1 ** self.steps
        bias_correction2_sqrt = (1 - BETA2 ** self.steps) ** 0.5
        g = self.grad
        self.exp_avg.mul_(BETA1).add_(g, alpha=1 - BETA1)
        self.exp_avg_sq.mul_(BETA2).addcmul_(g, g, value=1 - BETA2)
        denom = torch.sqrt(self.exp_avg_sq, out=self._denom).div_(bias_correction2_sqrt).add_(EPS)
        self.data.addcdiv_(torch.mul(self.exp_avg, self.lr, out=self._scaled), denom, value=-1 / bias_correction1)


class GroupDropout:
    """Every stack's dropout masks for one training step, from one `where` per hidden layer: over the
    group's members (their rates concatenated in stack order), or over one row when they all share a
    rate (the usual sweep; the mask broadcasts over members). Each stack takes its members' rows and
    its width of the draw: the numbers a separate run of that member draws. None for a stack where no
    member drops out. Build a new one whenever the stacks change (StackedMLP.keep)."""

    def __init__(self, stacks):
        p = torch.cat([stack.drop_p for stack in stacks])
        shared = bool((p == p[0]).all())
        self.cuts, offset = [], 0
        for stack in stacks:
            m = len(stack.dropouts)
            rows = slice(0, 1) if shared else slice(offset, offset + m)
            self.cuts.append((rows, stack.width) if any(stack.dropouts) else None)
            offset += m
        self.any = any(self.cuts)
        self.p = p[:1] if shared else p
        self.scale = 1.0 / (1.0 - self.p)
        self._zero = torch.zeros(())

    def masks(self, uniforms):
        """Per stack: a mask [M or 1, rows, width] per hidden layer, or None. uniforms from dropout_uniforms."""
        if not self.any:
            return [None] * len(self.cuts)
        # where(keep, scale, 0): one kernel fewer than keep.float() * scale, the same numbers.
        drawn = [torch.where(u.t().unsqueeze(0) >= self.p, self.scale, self._zero) for u in uniforms]
        return [None if cut is None else [mask[cut[0], :, :cut[1]] for mask in drawn] for cut in self.cuts]


def step_targets(task, y, n_outputs):
    """What every stack's step_losses needs of a batch's targets y [rows], made once per step."""
    rows = y.shape[0]
    if task == 'classification':
        index = y.view(1, -1, 1)
        # d(mean loss)/d(log-probabilities): -1/rows at each row's class.
        return index, torch.zeros(1, rows, n_outputs).scatter_(2, index, -1.0 / rows)
    return y, 2.0 / rows


def step_losses(task, outputs, targets):
    """A training step of one stack: each member's per-row loss terms [M, rows, 1] (epoch_losses sums
    them) and the gradient of the summed member mean losses with respect to outputs [M, rows, outputs]:
    cross-entropy's through log-softmax's own backward kernel (autograd's), mean squared error's
    2/rows (outputs − y). targets from step_targets."""
    m = outputs.shape[0]
    if task == 'classification':
        index, seed = targets
        log_p = outputs.log_softmax(2)
        return (log_p.gather(2, index.expand(m, -1, 1)),
                torch._log_softmax_backward_data(seed.expand(m, -1, -1), log_p, 2, log_p.dtype))
    y, scale = targets
    diff = outputs - y.view(1, -1, 1)
    return diff, diff * scale


def epoch_losses(task, terms):
    """Each member's mean train loss [M] (float64) over an epoch's rows, from step_losses' terms."""
    rows = torch.cat(terms, 1).double()
    return rows.mean(1).neg().view(-1) if task == 'classification' else rows.pow(2).mean(1).view(-1)


def member_losses(task, outputs, y):
    """Each member's mean task loss [M] over rows (outputs [M, rows, outputs], y [rows])."""
    if task == 'classification':
        index = y.view(1, -1, 1).expand(outputs.shape[0], -1, 1)
        return -outputs.log_softmax(2).gather(2, index).squeeze(2).mean(1)
    return (outputs.squeeze(2) - y).pow(2).mean(1)

"""Several MLPs of one depth as one model: weights stacked on a leading model axis (baddbmm).

Every training run goes through here, a single run being a stack of one, so a model trained alone
and the same model trained inside a group do the same arithmetic. Member m's hidden layers are
padded to the group's widest with zeros; a padded unit has pre-activation 0, so ReLU passes no
gradient to its incoming weights and its zero activation none to its outgoing ones: padded weights
stay exactly zero and a member's numbers do not depend on its neighbours.

Randomness per member: initial weights from build_mlp(seed), the same as a separate run; the shuffle
and the dropout masks from streams that depend on the seed and the step only (members of one group
share the seed, so they share them). A dropout draw is `rand(width, rows)` from a generator seeded
for that (step, layer): its first h rows are what a width-h model draws, whatever the group's width.
"""
import torch
from torch import nn

from mlp import build_mlp

BETA1, BETA2, EPS = 0.9, 0.999, 1e-8
_GOLDEN = 0x9E3779B9  # odd, so step → seed is one-to-one modulo 2^32 (torch's mt19937 keeps 32 bits)


def dropout_seed(seed, draw):
    return (int(seed) + draw * _GOLDEN) & 0xFFFFFFFF


class StackedMLP:
    """hidden × (Linear → ReLU → Dropout) → Linear, M times; trained with an elementwise Adam whose
    learning rate is per member (torch.optim.Adam's update, written out so lr can be a tensor)."""

    def __init__(self, n_features, n_outputs, num_hidden_layers, seed, hidden_dims, dropouts,
                 learning_rates):
        m = len(hidden_dims)
        width = max(hidden_dims)
        dims = [n_features] + [width] * num_hidden_layers + [n_outputs]
        self.seed = int(seed)
        self.layers = num_hidden_layers
        self.n_features, self.n_outputs = n_features, n_outputs
        self.hidden_dims = list(hidden_dims)
        self.dropouts = list(dropouts)
        weights = [torch.zeros(m, dims[i], dims[i + 1]) for i in range(len(dims) - 1)]
        biases = [torch.zeros(m, 1, dims[i + 1]) for i in range(len(dims) - 1)]
        for k, hidden in enumerate(hidden_dims):
            linears = [layer for layer in build_mlp(n_features, n_outputs, hidden, num_hidden_layers, 0.0, seed)
                       if isinstance(layer, nn.Linear)]
            for i, linear in enumerate(linears):
                weights[i][k, :linear.in_features, :linear.out_features] = linear.weight.detach().t()
                biases[i][k, 0, :linear.out_features] = linear.bias.detach()
        self.params = [t.requires_grad_() for pair in zip(weights, biases) for t in pair]
        self.exp_avg = [torch.zeros_like(p) for p in self.params]
        self.exp_avg_sq = [torch.zeros_like(p) for p in self.params]
        self.step = 0
        self.lr = torch.tensor(learning_rates, dtype=torch.float64).view(m, 1, 1)
        p = torch.tensor(dropouts, dtype=torch.float32).view(m, 1, 1)
        self.drop_p, self.drop_scale = p, 1.0 / (1.0 - p)
        self.draw = torch.Generator()

    def forward(self, x, masks=None):
        """x [rows, features] → outputs [M, rows, outputs]; masks per hidden layer (training) or None."""
        h = x.unsqueeze(0).expand(len(self.hidden_dims), -1, -1)
        for i in range(self.layers):
            h = torch.baddbmm(self.params[2 * i + 1], h, self.params[2 * i]).relu()
            if masks is not None:
                h = h * masks[i]
        return torch.baddbmm(self.params[-1], h, self.params[-2])

    def masks(self, rows, draw):
        """Dropout masks for training step `draw` (None when no member drops out)."""
        if not any(self.dropouts):
            return None
        width = self.params[0].shape[2]
        out = []
        for i in range(self.layers):
            self.draw.manual_seed(dropout_seed(self.seed, draw * self.layers + i))
            u = torch.rand(width, rows, generator=self.draw).t().unsqueeze(0)
            out.append((u >= self.drop_p).float() * self.drop_scale)
        return out

    def adam_step(self, grads):
        """torch.optim.Adam (no weight decay, no amsgrad), elementwise, lr per member."""
        self.step += 1
        bias_correction1 = 1 - BETA1 ** self.step
        bias_correction2_sqrt = (1 - BETA2 ** self.step) ** 0.5
        step_size = (self.lr / bias_correction1).float()
        with torch.no_grad():
            for p, g, m, v in zip(self.params, grads, self.exp_avg, self.exp_avg_sq):
                m.mul_(BETA1).add_(g, alpha=1 - BETA1)
                v.mul_(BETA2).addcmul_(g, g, value=1 - BETA2)
                denom = (v.sqrt() / bias_correction2_sqrt).add_(EPS)
                p.sub_(m / denom * step_size)

    def keep(self, rows):
        """Drops every member not in `rows` (positions in the stack); the others are untouched."""
        index = torch.tensor(rows, dtype=torch.long)
        self.params = [p.detach().index_select(0, index).requires_grad_() for p in self.params]
        self.exp_avg = [t.index_select(0, index) for t in self.exp_avg]
        self.exp_avg_sq = [t.index_select(0, index) for t in self.exp_avg_sq]
        self.lr, self.drop_p, self.drop_scale = (t.index_select(0, index) for t in (self.lr, self.drop_p,
                                                                                   self.drop_scale))
        self.hidden_dims = [self.hidden_dims[r] for r in rows]
        self.dropouts = [self.dropouts[r] for r in rows]

    def weights_of(self, row):
        """Member `row`'s own weights (padding cut off), copied."""
        hidden = self.hidden_dims[row]
        dims = [self.n_features] + [hidden] * self.layers + [self.n_outputs]
        out = []
        for i in range(len(dims) - 1):
            out.append(self.params[2 * i][row, :dims[i], :dims[i + 1]].detach().clone())
            out.append(self.params[2 * i + 1][row, 0, :dims[i + 1]].detach().clone())
        return out

    def to_mlp(self, weights, row_params):
        """The plain nn.Sequential (mlp.build_mlp's layers) holding `weights` of weights_of."""
        model = build_mlp(self.n_features, self.n_outputs, int(row_params['hidden_dim']), self.layers,
                          float(row_params['dropout']), self.seed)
        linears = [layer for layer in model if isinstance(layer, nn.Linear)]
        with torch.no_grad():
            for i, linear in enumerate(linears):
                linear.weight.copy_(weights[2 * i].t())
                linear.bias.copy_(weights[2 * i + 1])
        model.eval()
        return model


def member_losses(task, outputs, y):
    """Each member's mean task loss [M] over rows (outputs [M, rows, outputs], y [rows])."""
    if task == 'classification':
        log_p = outputs.log_softmax(2)
        index = y.view(1, -1, 1).expand(outputs.shape[0], -1, 1)
        return -log_p.gather(2, index).squeeze(2).mean(1)
    return (outputs.squeeze(2) - y).pow(2).mean(1)

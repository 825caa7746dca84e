#!/usr/bin/env python3
"""PyTorch reference for valuekit's dynamics-ensemble training step (throughput peer).

The recipe matches valuekit's tensor core and mbrl-lib's GaussianMLP as used by MBPO:
7 members x 4 hidden layers x 200 SiLU, weights [members, in, out] used through batched matmul,
truncated-normal init (std 1/(2*sqrt(in)), cut at 2 std), zero bias; mean and log-variance heads with
log-variance soft-clamped between learned bounds (init -10 / 0.5) and the 0.01*(sum max - sum min)
penalty; Gaussian NLL averaged over batch and output, summed over members; Adam lr 1e-3 with MBPO's
per-layer L2 decay (2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4) on the weights only. Each member draws its own
minibatch of 256 rows from its own shuffle of the data every step.

Prints one line: `rows_per_s=<r> cpu_rows_per_s=<c> steps=<n> seconds=<s> cpu_seconds=<u> threads=<t>`,
where rows/s counts batch rows per step (256 per step, the same definition valuekit's benchmark uses),
per wall-clock second and per second of process CPU time.
"""
import argparse
import math
import time

import torch
import torch.nn.functional as F


def truncated_normal_(t, std):
    # Redraw entries outside +-2 std until none are left (mbrl-lib intends this; its helper
    # rebinds a local and so leaves the first draw in place).
    t.normal_(0.0, std)
    while True:
        bad = t.abs() > 2 * std
        if not bad.any():
            return t
        t[bad] = torch.empty(int(bad.sum()), dtype=t.dtype).normal_(0.0, std)


class Ensemble(torch.nn.Module):
    def __init__(self, members, n_in, n_out, hidden, layers):
        super().__init__()
        sizes = [n_in] + [hidden] * layers + [2 * n_out]
        self.weights = torch.nn.ParameterList()
        self.biases = torch.nn.ParameterList()
        for a, b in zip(sizes[:-1], sizes[1:]):
            w = torch.empty(members, a, b)
            for m in range(members):
                truncated_normal_(w[m], 1.0 / (2.0 * math.sqrt(a)))
            self.weights.append(torch.nn.Parameter(w))
            self.biases.append(torch.nn.Parameter(torch.zeros(members, 1, b)))
        self.n_out = n_out
        self.max_logvar = torch.nn.Parameter(0.5 * torch.ones(1, n_out))
        self.min_logvar = torch.nn.Parameter(-10.0 * torch.ones(1, n_out))

    def forward(self, x):
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            x = torch.baddbmm(b, x, w)
            if i < last:
                x = F.silu(x)
        mean, raw = x[..., : self.n_out], x[..., self.n_out:]
        logvar = self.max_logvar - F.softplus(self.max_logvar - raw)
        logvar = self.min_logvar + F.softplus(logvar - self.min_logvar)
        return mean, logvar

    def loss(self, x, y):
        mean, logvar = self(x)
        nll = ((mean - y) ** 2 * torch.exp(-logvar) + logvar).mean((1, 2)).sum()
        return nll + 0.01 * (self.max_logvar.sum() - self.min_logvar.sum())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--rows", type=int, default=20000)
    p.add_argument("--members", type=int, default=7)
    p.add_argument("--hidden", type=int, default=200)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--obs", type=int, default=3)
    p.add_argument("--act", type=int, default=1)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    n_in, n_out = a.obs + a.act, a.obs + 1
    x_all = torch.randn(a.rows, n_in)
    y_all = torch.randn(a.rows, n_out) * 0.1
    model = Ensemble(a.members, n_in, n_out, a.hidden, a.layers)
    decays = [2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4]
    groups = [{"params": [w], "weight_decay": decays[min(i, len(decays) - 1)]}
              for i, w in enumerate(model.weights)]
    groups.append({"params": list(model.biases) + [model.max_logvar, model.min_logvar],
                   "weight_decay": 0.0})
    opt = torch.optim.Adam(groups, lr=1e-3)

    perms = [torch.randperm(a.rows) for _ in range(a.members)]
    cursor = [0]
    steps_per_epoch = a.rows // a.batch

    def step():
        k = cursor[0]
        if k == steps_per_epoch:
            for m in range(a.members):
                perms[m] = torch.randperm(a.rows)
            k = 0
        idx = torch.stack([perm[k * a.batch:(k + 1) * a.batch] for perm in perms])
        cursor[0] = k + 1
        loss = model.loss(x_all[idx], y_all[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss

    for _ in range(a.warmup):
        step()
    steps = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    while True:
        step()
        steps += 1
        dt = time.perf_counter() - t0
        if dt >= a.seconds:
            break
    cpu = time.process_time() - c0
    print(f"rows_per_s={steps * a.batch / dt:.1f} cpu_rows_per_s={steps * a.batch / cpu:.1f} steps={steps} "
          f"seconds={dt:.3f} cpu_seconds={cpu:.3f} threads={a.threads}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""PyTorch reference of valuekit's ZILN network, for bench/cltv-speed.sh.

Same network and training step as `valuekit predict-cltv fit --method ziln --transform none`: standardised
inputs, MLP in -> 64 -> 32 -> 3 with ReLU, PyTorch's default Linear initialisation aside (valuekit uses a
truncated normal; the arithmetic per step is the same), ZILN loss of google/lifetime_value (BCE on
y > 0 plus the lognormal NLL, sigma = max(softplus(l2), sqrt(1e-7))), mean over the batch, Adam
(lr 0.002), batch 512, rows shuffled each epoch. The data are drawn like
src/test/java/dev/valuekit/cltv/bench/CustomerTableGen.java. Prints one line per epoch:
`epoch=<e> seconds=<s> loss=<l>`; data generation is not timed.
"""
import argparse
import math
import time

import numpy as np
import torch
import torch.nn.functional as F


def ziln_loss(logits, y):
    positive = (y > 0).float()
    bce = F.binary_cross_entropy_with_logits(logits[:, 0], positive, reduction="none")
    mu = logits[:, 1]
    sigma = torch.clamp(F.softplus(logits[:, 2]), min=math.sqrt(1e-7))
    safe_y = positive * y + (1 - positive)
    ln_y = torch.log(safe_y)
    nll = ln_y + torch.log(sigma) + 0.5 * math.log(2 * math.pi) + (ln_y - mu) ** 2 / (2 * sigma ** 2)
    return (bce + positive * nll).mean()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--features", type=int, default=20)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    x = rng.standard_normal((a.rows, a.features)).astype(np.float32)
    buys = rng.random(a.rows) < 1 / (1 + np.exp(-x[:, 0]))
    y = np.where(buys, np.exp(1 + 0.5 * x[:, 1] - 0.3 * x[:, 2] + 0.5 * rng.standard_normal(a.rows)), 0).astype(np.float32)
    x = (x - x.mean(0)) / x.std(0, ddof=1)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    net = torch.nn.Sequential(torch.nn.Linear(a.features, 64), torch.nn.ReLU(), torch.nn.Linear(64, 32), torch.nn.ReLU(),
                              torch.nn.Linear(32, 3))
    opt = torch.optim.Adam(net.parameters(), lr=0.002)
    for e in range(a.epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(a.rows)
        total = 0.0
        for s in range(0, a.rows, a.batch):
            idx = perm[s:s + a.batch]
            loss = ziln_loss(net(xt[idx]), yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        print(f"epoch={e + 1} seconds={time.perf_counter() - t0:.3f} loss={total / a.rows:.5f}", flush=True)


if __name__ == "__main__":
    main()

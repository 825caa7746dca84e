#!/usr/bin/env python3
"""PyTorch reference of valuekit's SAC-N recipe, for the speed comparison in bench/sac-speed.sh.

Same recipe as `valuekit fit-value --method sac`: N critics as one vectorised ensemble (weights
[N, in, out]) trained on one shared minibatch with the min target, a tanh-Gaussian actor (log-std
clamped to [-20, 2]), automatic entropy tuning (target -dim(a), alpha from 1.0), Adam 3e-4,
Polyak tau 0.005, gamma 0.99, batch 256, inputs standardised. Prints updates per second of the
training loop (data loading excluded), per wall and per CPU second, as one JSON line.

usage: sac.py DATA.csv --critics 10 --layers 2 --hidden 256 --steps 2000 --threads 1
"""
import argparse, json, math, time

import numpy as np
import torch
from torch import nn


class VectorizedLinear(nn.Module):
    def __init__(self, n, i, o):
        super().__init__()
        self.w = nn.Parameter(torch.empty(n, i, o))
        self.b = nn.Parameter(torch.zeros(n, 1, o))
        nn.init.trunc_normal_(self.w, std=1 / (2 * math.sqrt(i)), a=-1 / math.sqrt(i), b=1 / math.sqrt(i))

    def forward(self, x):  # x [n, B, i]
        return x @ self.w + self.b


def mlp(n, i, hidden, layers, o):
    mods, d = [], i
    for _ in range(layers):
        mods += [VectorizedLinear(n, d, hidden), nn.ReLU()]
        d = hidden
    mods.append(VectorizedLinear(n, d, o))
    return nn.Sequential(*mods)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data")
    p.add_argument("--critics", type=int, default=10)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--warmup", type=int, default=100)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=256)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    raw = np.genfromtxt(a.data, delimiter=",", names=True)
    cols = raw.dtype.names
    obs = np.stack([raw[c] for c in cols if c.startswith("obs_")], 1)
    act = np.stack([raw[c] for c in cols if c.startswith("act_")], 1)
    nxt = np.stack([raw[c] for c in cols if c.startswith("next_obs_")], 1)
    rew, term = raw["reward"], (raw["terminated"] != 0) & (raw["truncated"] == 0)
    d, k = obs.shape[1], act.shape[1]
    t = lambda x: torch.tensor(x, dtype=torch.float32)
    O, A, NO, R, T = t(obs), t(act), t(nxt), t(rew), t(term.astype(np.float32))
    om, os_ = O.mean(0), O.std(0).clamp_min(1e-5)
    x = torch.cat([O, A], 1)
    qm, qs = x.mean(0), x.std(0).clamp_min(1e-5)
    low, high = torch.full((k,), -2.0), torch.full((k,), 2.0)
    centre, half = (high + low) / 2, (high - low) / 2

    n = a.critics
    q = mlp(n, d + k, a.hidden, a.layers, 1)
    qt = mlp(n, d + k, a.hidden, a.layers, 1)
    qt.load_state_dict(q.state_dict())
    actor = mlp(1, d, a.hidden, a.layers, 2 * k)
    log_alpha = torch.zeros((), requires_grad=True)
    qo = torch.optim.Adam(q.parameters(), 3e-4)
    ao = torch.optim.Adam(actor.parameters(), 3e-4)
    alo = torch.optim.Adam([log_alpha], 3e-4)
    target_entropy = -float(k)

    def policy(s):
        out = actor(((s - om) / os_).unsqueeze(0))[0]
        mu, ls = out[:, :k], out[:, k:].clamp(-20, 2)
        u = mu + ls.exp() * torch.randn_like(mu)
        lp = (-0.5 * ((u - mu) / ls.exp()) ** 2 - ls - 0.5 * math.log(2 * math.pi)).sum(1)
        lp = lp - (2 * (math.log(2) - u - nn.functional.softplus(-2 * u))).sum(1) - torch.log(half).sum()
        return centre + half * torch.tanh(u), lp

    def critic(net, s, act_):
        z = ((torch.cat([s, act_], 1) - qm) / qs).unsqueeze(0).expand(n, -1, -1)
        return net(z)[..., 0]  # [n, B]

    def step():
        i = torch.randint(0, O.shape[0], (a.batch,))
        s, ac, r, s2, tm = O[i], A[i], R[i], NO[i], T[i]
        alpha = log_alpha.exp().detach()
        with torch.no_grad():
            a2, lp2 = policy(s2)
            y = r + 0.99 * (1 - tm) * (critic(qt, s2, a2).min(0).values - alpha * lp2)
        ql = ((critic(q, s, ac) - y) ** 2).mean(1).sum()
        qo.zero_grad(); ql.backward(); qo.step()
        for pp in q.parameters(): pp.requires_grad_(False)
        pa, lp = policy(s)
        al = (alpha * lp - critic(q, s, pa).min(0).values).mean()
        ao.zero_grad(); al.backward(); ao.step()
        for pp in q.parameters(): pp.requires_grad_(True)
        tl = -(log_alpha * (lp.detach() + target_entropy)).mean()
        alo.zero_grad(); tl.backward(); alo.step()
        with torch.no_grad():
            for pt, ps in zip(qt.parameters(), q.parameters()):
                pt.mul_(0.995).add_(ps, alpha=0.005)

    for _ in range(a.warmup):
        step()
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(a.steps):
        step()
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"peer": "pytorch " + torch.__version__, "critics": n, "layers": a.layers, "hidden": a.hidden,
                      "batch": a.batch, "threads": a.threads, "steps": a.steps, "updates_per_second": a.steps / dt,
                      "updates_per_cpu_second": a.steps / dc}))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""PyTorch reference for `valuekit rollout --model M --start DATA`: MBPO-style k-step rollouts.

Loads the weights of a valuekit `dynamics` model file (safetensors, parsed here with NumPy), then runs
the same computation as valuekit: start states drawn from DATA's obs_* rows, a uniform random policy
over the model's action box, all members evaluated (4 x 200 SiLU MLPs, batched), a random elite per
row and step, a sample from its Gaussian, MOPO's aleatoric uncertainty (max over elites of the std
norm), rows removed once terminated (the model's termination rule must be `none` here). Transitions
are collected in memory (NumPy), not written. Prints JSON with transitions/s.
"""
import argparse, csv, json, math, resource, struct, time

import numpy as np
import torch
import torch.nn.functional as F


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        body = f.read()
    meta = header.pop("__metadata__", {})
    out = {}
    for name, t in header.items():
        dt = {"F32": np.float32, "F64": np.float64}[t["dtype"]]
        a, b = t["data_offsets"]
        out[name] = np.frombuffer(body[a:b], dtype=dt).reshape(t["shape"])
    return out, json.loads(meta["valuekit.spec"])


def cpu_seconds():
    # getrusage, not time.process_time(): the latter went backwards on the benchmark VM
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("start")
    ap.add_argument("--starts", type=int, default=50000)
    ap.add_argument("--horizon", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--chunk", type=int, default=8192)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    g = torch.Generator().manual_seed(a.seed)
    tensors, spec = load_safetensors(a.model)
    assert spec["termination"] == "none", "this reference rolls out models without termination"
    layers = spec["architecture"]["layers"] + 1
    W = [torch.tensor(tensors[f"dynamics.layer.{i}.weight"]) for i in range(layers)]
    B = [torch.tensor(tensors[f"dynamics.layer.{i}.bias"]) for i in range(layers)]
    hi = torch.tensor(tensors["dynamics.max_logvar"])
    lo = torch.tensor(tensors["dynamics.min_logvar"])
    mean_in = torch.tensor(spec["input_normalizer"]["mean"], dtype=torch.float32)
    std_in = torch.tensor(spec["input_normalizer"]["std"], dtype=torch.float32)
    elites = torch.tensor(spec["elites"])
    low = torch.tensor(spec["action_space"]["low"], dtype=torch.float32)
    high = torch.tensor(spec["action_space"]["high"], dtype=torch.float32)
    d = len(spec["obs_columns"])
    t_dim = d + 1
    M = W[0].shape[0]

    with open(a.start) as f:
        r = csv.reader(f)
        header = next(r)
        idx = [i for i, h in enumerate(header) if h.startswith("obs_")]
        pool = torch.tensor([[float(row[i]) for i in idx] for row in r], dtype=torch.float32)

    def forward(x):  # x [n, in] → mean, logvar [M, n, t]
        h = ((x - mean_in) / std_in).expand(M, -1, -1)
        for i in range(layers):
            h = torch.baddbmm(B[i], h, W[i])
            if i < layers - 1:
                h = F.silu(h)
        mu, raw = h[..., :t_dim], h[..., t_dim:]
        lv = hi - F.softplus(hi - raw)
        lv = lo + F.softplus(lv - lo)
        return mu, lv

    t0 = time.perf_counter()
    cpu0 = cpu_seconds()
    transitions = 0
    out = []
    with torch.no_grad():
        start_rows = torch.randint(len(pool), (a.starts,), generator=g)
        for c0 in range(0, a.starts, a.chunk):
            obs = pool[start_rows[c0:c0 + a.chunk]]
            for step in range(a.horizon):
                n = obs.shape[0]
                act = low + (high - low) * torch.rand(n, len(low), generator=g)
                mu, lv = forward(torch.cat([obs, act], 1))
                mu, lv = mu[elites], lv[elites]
                std = torch.exp(0.5 * lv)
                pick = torch.randint(len(elites), (n,), generator=g)
                rows = torch.arange(n)
                sample = mu[pick, rows] + std[pick, rows] * torch.randn(n, t_dim, generator=g)
                unc = std.norm(dim=2).amax(0)
                nxt = obs + sample[:, :d]
                out.append((obs, act, sample[:, d], nxt, pick, unc))
                transitions += n
                obs = nxt
    secs = time.perf_counter() - t0
    cpu = cpu_seconds() - cpu0
    print(json.dumps(dict(impl="pytorch-reference", torch=torch.__version__, threads=a.threads, starts=a.starts,
                          horizon=a.horizon, members=M, elites=len(elites), transitions=transitions,
                          seconds=round(secs, 3), transitions_per_s=transitions / secs,
                          cpu_seconds=round(cpu, 3), transitions_per_cpu_s=transitions / cpu)))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""PyTorch reference of valuekit's train-model recipe (MBPO-style probabilistic ensemble).

Trains on a transitions CSV and prints held-out metrics as JSON, so that `valuekit train-model` +
`valuekit evaluate model` can be compared against it with the same data, split rule and budget.

Recipe (the same as valuekit's defaults):
  * inputs obs ⊕ act, normalised by training mean/sample std (std < 1e-5 → 1); targets Δobs ⊕ reward (raw)
  * 7 members, 4 × 200 SiLU, one output layer giving mean and log-variance per target
  * log-variance soft-clamped between learned bounds (init max 0.5, min −10, shared by members)
  * loss = Σ_members mean_{rows,dims} (err²·e^{−logvar} + logvar) + 0.01·(Σmax − Σmin)  (mbrl-lib's objective)
  * L2 weight decay on weights (not biases), per layer 2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4 (coupled, as in MBPO)
  * Adam lr 1e-3, batch 256, each member its own shuffle of the training rows every epoch
  * holdout: 10% of the episodes (capped at 5000 rows); early stopping when no member improves its
    holdout MSE by more than 1% for 5 epochs; each member keeps its best weights; elites = 5 lowest MSE
Reported (held-out rows, elite ensemble, mixture moment-matched: mean of means, var = E[var] + Var[mean]):
  one-step MSE (raw units, averaged over output dims), NLL per dim with ½ and ½·log 2π included,
  k-step open-loop obs MSE following the data's actions with elite-mean predictions.
"""
import argparse, csv, json, math, sys, time

import numpy as np
import torch
import torch.nn.functional as F

DECAYS = [2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4]


def load(path):
    with open(path) as f:
        r = csv.reader(f)
        header = next(r)
        rows = np.array([[float(x) for x in row] for row in r], dtype=np.float64)
    col = {n: i for i, n in enumerate(header)}
    pick = lambda p: [col[n] for n in header if n.startswith(p) and n[len(p):].isdigit()]
    obs, act, nxt = pick("obs_"), pick("act_"), pick("next_obs_")
    return dict(obs=rows[:, obs], act=rows[:, act], next_obs=rows[:, nxt], reward=rows[:, col["reward"]],
                episode=rows[:, col["episode"]].astype(np.int64), step=rows[:, col["step"]].astype(np.int64))


def read_safetensors(path):
    """Tensors (as float64 arrays) and metadata of a safetensors file (valuekit's model format)."""
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__", {})
    types = {"F32": np.float32, "F64": np.float64}
    tensors = {k: np.frombuffer(data[v["data_offsets"][0]:v["data_offsets"][1]], dtype=types[v["dtype"]])
               .reshape(v["shape"]).astype(np.float64) for k, v in header.items()}
    return tensors, meta


def split_by_episode(d, frac, cap, rng):
    eps = np.unique(d["episode"])
    rng.shuffle(eps)
    target = min(int(round(frac * len(d["episode"]))), cap)
    chosen, count = [], 0
    counts = {e: c for e, c in zip(*np.unique(d["episode"], return_counts=True))}
    for e in eps:
        if count >= target:
            break
        chosen.append(e)
        count += counts[e]
    hold = np.isin(d["episode"], chosen)
    return np.where(~hold)[0], np.where(hold)[0]


class Ensemble(torch.nn.Module):
    def __init__(self, members, n_in, n_out, hidden, layers, dtype):
        super().__init__()
        sizes = [n_in] + [hidden] * layers + [2 * n_out]
        self.w = torch.nn.ParameterList()
        self.b = torch.nn.ParameterList()
        for a, b in zip(sizes[:-1], sizes[1:]):
            w = torch.empty(members, a, b, dtype=dtype)
            torch.nn.init.trunc_normal_(w, std=1.0 / (2.0 * math.sqrt(a)), a=-1.0 / math.sqrt(a), b=1.0 / math.sqrt(a))
            self.w.append(torch.nn.Parameter(w))
            self.b.append(torch.nn.Parameter(torch.zeros(members, 1, b, dtype=dtype)))
        self.max_logvar = torch.nn.Parameter(0.5 * torch.ones(1, 1, n_out, dtype=dtype))
        self.min_logvar = torch.nn.Parameter(-10.0 * torch.ones(1, 1, n_out, dtype=dtype))
        self.n_out = n_out

    def forward(self, x):  # x: [members, batch, in]
        for i in range(len(self.w)):
            x = torch.baddbmm(self.b[i], x, self.w[i])
            if i < len(self.w) - 1:
                x = F.silu(x)
        mean, logvar = x[..., :self.n_out], x[..., self.n_out:]
        logvar = self.max_logvar - F.softplus(self.max_logvar - logvar)
        logvar = self.min_logvar + F.softplus(logvar - self.min_logvar)
        return mean, logvar


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data")
    ap.add_argument("--members", type=int, default=7)
    ap.add_argument("--elites", type=int, default=5)
    ap.add_argument("--hidden", type=int, default=200)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--max-epochs", type=int, default=100)
    ap.add_argument("--patience", type=int, default=5)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--holdout", type=float, default=0.1)
    ap.add_argument("--holdout-cap", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--holdout-episodes", default=None,
                    help="comma-separated episode ids to hold out (e.g. the ones valuekit chose), instead of a random 10%%")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--precision", choices=["f32", "f64"], default="f32")
    ap.add_argument("--k", type=int, nargs="*", default=[1, 5, 10, 25])
    ap.add_argument("--eval-model", metavar="MODEL", default=None,
                    help="no training: evaluate a valuekit dynamics model (weights, normaliser, elites) with this "
                         "script's metric code, to check that both evaluators agree on the same model")
    ap.add_argument("--swap", metavar="DIR", default=None,
                    help="swap test: take the holdout split, initial weights and per-epoch row orders from a valuekit "
                         "trace directory (train-model --trace-dir DIR) and write torch_steps.csv / torch_holdout.csv there")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    dtype = torch.float32 if a.precision == "f32" else torch.float64

    d = load(a.data)
    x_all = np.concatenate([d["obs"], d["act"]], axis=1)
    y_all = np.concatenate([d["next_obs"] - d["obs"], d["reward"][:, None]], axis=1)
    if a.swap:
        tr = np.load(f"{a.swap}/train_rows.npy").astype(np.int64)
        ho = np.load(f"{a.swap}/holdout_rows.npy").astype(np.int64)
    elif a.holdout_episodes:
        hold = np.isin(d["episode"], [int(e) for e in a.holdout_episodes.split(",")])
        tr, ho = np.where(~hold)[0], np.where(hold)[0]
    else:
        tr, ho = split_by_episode(d, a.holdout, a.holdout_cap, rng)
    mu = x_all[tr].mean(0)
    sd = x_all[tr].std(0, ddof=1)
    sd[sd < 1e-5] = 1.0
    if a.eval_model:
        vk_tensors, vk_meta = read_safetensors(a.eval_model)
        spec = json.loads(vk_meta["valuekit.spec"])
        vk_mu, vk_sd = np.array(spec["input_normalizer"]["mean"]), np.array(spec["input_normalizer"]["std"])
        print(f"normaliser vs the model's: max |d mean| {np.abs(vk_mu - mu).max():.3g}, max |d std| "
              f"{np.abs(vk_sd - sd).max():.3g}", file=sys.stderr)
        mu, sd = vk_mu, vk_sd
        a.max_epochs = 0
    norm = lambda x: (x - mu) / sd
    xt = torch.tensor(norm(x_all[tr]), dtype=dtype)
    yt = torch.tensor(y_all[tr], dtype=dtype)
    xh = torch.tensor(norm(x_all[ho]), dtype=dtype)
    yh = torch.tensor(y_all[ho], dtype=dtype)
    n_obs, n_out, M = d["obs"].shape[1], y_all.shape[1], a.members

    model = Ensemble(M, x_all.shape[1], n_out, a.hidden, a.layers, dtype)
    groups = [{"params": [w], "weight_decay": DECAYS[min(i, len(DECAYS) - 1)]} for i, w in enumerate(model.w)]
    groups.append({"params": list(model.b) + [model.max_logvar, model.min_logvar], "weight_decay": 0.0})
    opt = torch.optim.Adam(groups, lr=a.lr)
    if a.eval_model:
        with torch.no_grad():
            for name, p in [(f"layer.{i}.weight", w) for i, w in enumerate(model.w)] + \
                           [(f"layer.{i}.bias", b) for i, b in enumerate(model.b)] + \
                           [("max_logvar", model.max_logvar), ("min_logvar", model.min_logvar)]:
                p.copy_(torch.tensor(vk_tensors[f"dynamics.{name}"], dtype=dtype).reshape(p.shape))
    if a.swap:
        init = lambda name: torch.tensor(np.load(f"{a.swap}/init.dynamics.{name}.npy"), dtype=dtype)
        with torch.no_grad():
            for i in range(len(model.w)):
                model.w[i].copy_(init(f"layer.{i}.weight"))
                model.b[i].copy_(init(f"layer.{i}.bias"))
            model.max_logvar.copy_(init("max_logvar").reshape(model.max_logvar.shape))
            model.min_logvar.copy_(init("min_logvar").reshape(model.min_logvar.shape))
        steps_out = open(f"{a.swap}/torch_steps.csv", "w")
        steps_out.write("epoch,step,loss\n")
        hold_out = open(f"{a.swap}/torch_holdout.csv", "w")
        hold_out.write("epoch,member,mse\n")

    def holdout_mse():
        with torch.no_grad():
            mean, _ = model(xh.expand(M, -1, -1))
            return ((mean - yh) ** 2).mean((1, 2)).numpy()

    n = xt.shape[0]
    best = holdout_mse()
    best_state = [[p.detach()[m].clone() for p in list(model.w) + list(model.b)] for m in range(M)]
    since, epochs, t0, log = 0, 0, time.time(), []
    for epoch in range(a.max_epochs):
        if a.swap:
            try:
                perms = torch.tensor(np.load(f"{a.swap}/order.{epoch + 1}.npy").astype(np.int64))
            except FileNotFoundError:
                break
        else:
            perms = torch.stack([torch.randperm(n) for _ in range(M)])
        total = 0.0
        for s in range(0, n, a.batch):
            idx = perms[:, s:s + a.batch]
            mean, logvar = model(xt[idx])
            nll = (mean - yt[idx]) ** 2 * torch.exp(-logvar) + logvar
            loss = nll.mean((1, 2)).sum() + 0.01 * (model.max_logvar.sum() - model.min_logvar.sum())
            if a.swap:
                steps_out.write(f"{epoch + 1},{s // a.batch},{loss.item():.17g}\n")
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * idx.shape[1]
        epochs += 1
        cur = holdout_mse()
        if a.swap:
            for m in range(M):
                hold_out.write(f"{epoch + 1},{m},{cur[m]:.17g}\n")
        if not np.all(np.isfinite(cur)) or not math.isfinite(total):
            sys.exit(f"diverged at epoch {epoch + 1}")
        improved = False
        for m in range(M):
            if (best[m] - cur[m]) / abs(best[m]) > 0.01:
                best[m] = cur[m]
                best_state[m] = [p.detach()[m].clone() for p in list(model.w) + list(model.b)]
                improved = True
        log.append(dict(epoch=epoch + 1, train_loss=total / n, holdout_mse=cur.tolist()))
        print(f"epoch {epoch + 1}: train loss {total / n:.4f}, holdout MSE {cur.mean():.6f} (best {best.min():.6f})",
              file=sys.stderr, flush=True)
        since = 0 if improved else since + 1
        if since >= a.patience:
            break
    train_s = time.time() - t0
    if a.swap:
        steps_out.close()
        hold_out.close()
    with torch.no_grad():
        for m in range(M):
            for p, v in zip(list(model.w) + list(model.b), best_state[m]):
                p[m] = v
    elites = spec["elites"] if a.eval_model else sorted(range(M), key=lambda m: best[m])[:a.elites]

    def predict(x):  # elite mixture of normalised inputs x [rows, in]
        with torch.no_grad():
            mean, logvar = model(x.expand(M, -1, -1))
            mean, var = mean[elites], torch.exp(logvar[elites])
            mm = mean.mean(0)
            return mm, var.mean(0) + ((mean - mm) ** 2).mean(0)

    mm, mv = predict(xh)
    err = (mm - yh) ** 2
    nll = 0.5 * (err / mv + torch.log(mv) + math.log(2 * math.pi))
    z = (mm - yh).abs() / mv.sqrt()

    # open-loop k-step obs error along held-out episodes, elite-mean dynamics, the data's actions
    ksteps = {}
    ep, st = d["episode"][ho], d["step"][ho]
    obs_h, act_h, nxt_h = d["obs"][ho], d["act"][ho], d["next_obs"][ho]
    order = np.lexsort((st, ep))
    ep, st, obs_h, act_h, nxt_h = ep[order], st[order], obs_h[order], act_h[order], nxt_h[order]
    for k in a.k:
        starts = [i for i in range(len(ep)) if i + k - 1 < len(ep) and ep[i + k - 1] == ep[i] and st[i + k - 1] == st[i] + k - 1]
        if not starts:
            continue
        s = np.array(starts)
        cur = obs_h[s].copy()
        for j in range(k):
            x = torch.tensor(norm(np.concatenate([cur, act_h[s + j]], axis=1)), dtype=dtype)
            mean, _ = predict(x)
            cur = cur + mean.numpy()[:, :n_obs].astype(np.float64)
        ksteps[str(k)] = float(((cur - nxt_h[s + k - 1]) ** 2).mean())

    print(json.dumps(dict(
        impl="pytorch-reference", torch=torch.__version__, threads=a.threads, seed=a.seed,
        train_rows=int(len(tr)), holdout_rows=int(len(ho)), epochs=epochs, train_seconds=round(train_s, 3),
        elites=elites, one_step_mse=float(err.mean()), one_step_mse_per_dim=err.mean(0).tolist(),
        nll=float(nll.mean()), within_1sigma=float((z <= 1).double().mean()), within_2sigma=float((z <= 2).double().mean()),
        k_step_mse=ksteps, log=log), indent=None))


if __name__ == "__main__":
    main()

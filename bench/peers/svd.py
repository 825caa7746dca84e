#!/usr/bin/env python3
"""Peers for bench/svd.sh: the same SVD cases in NumPy and PyTorch (f64, same thread count).

Prints `<peer> <case> <median seconds> <check>` lines, matching SvdBench's format.
Randomized SVD in NumPy is the same algorithm as valuekit's (Halko-Martinsson-Tropp with QR after
every product, oversampling 10, 2 power iterations); PyTorch uses torch.svd_lowrank with the same
sketch width (q = k + 10) and niter = 2.
"""
import statistics
import sys
import time

import numpy as np


def timed(fn, reps):
    fn()  # warm-up
    ts = []
    out = None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), out


def numpy_randomized(a, k, p=10, q=2, seed=3):
    rng = np.random.default_rng(seed)
    n = a.shape[1]
    omega = rng.standard_normal((n, k + p))
    y, _ = np.linalg.qr(a @ omega)
    for _ in range(q):
        z, _ = np.linalg.qr(a.T @ y)
        y, _ = np.linalg.qr(a @ z)
    u, s, vt = np.linalg.svd(y.T @ a, full_matrices=False)
    return (y @ u)[:, :k], s[:k], vt[:k]


def main():
    full_n, rand_n, k, reps, threads = (int(x) for x in sys.argv[1:6])
    rng = np.random.default_rng(1)
    a = rng.standard_normal((full_n, full_n))
    b = rng.standard_normal((rand_n, rand_n))
    name_full = f"full_svd_{full_n}x{full_n}"
    name_rand = f"randomized_svd_{rand_n}x{rand_n}_rank{k}"

    t, (u, s, vt) = timed(lambda: np.linalg.svd(a, full_matrices=False), reps)
    print(f"numpy {name_full} {t:.4f} {np.abs((u * s) @ vt - a).max():.3g}")
    t, (u, s, vt) = timed(lambda: numpy_randomized(b, k), reps)
    print(f"numpy {name_rand} {t:.4f} {abs(s[0] - numpy_randomized(b, k, seed=4)[1][0]):.3g}")

    try:
        import torch
    except ImportError:
        print("torch missing: install python3-torch", file=sys.stderr)
        return
    torch.set_num_threads(threads)
    ta = torch.from_numpy(a)
    tb = torch.from_numpy(b)
    t, (u, s, vh) = timed(lambda: torch.linalg.svd(ta, full_matrices=False), reps)
    print(f"torch {name_full} {t:.4f} {((u * s) @ vh - ta).abs().max().item():.3g}")
    torch.manual_seed(3)
    t, (u, s, v) = timed(lambda: torch.svd_lowrank(tb, q=k + 10, niter=2), reps)
    torch.manual_seed(4)
    s2 = torch.svd_lowrank(tb, q=k + 10, niter=2)[1]
    print(f"torch {name_rand} {t:.4f} {abs(s[0] - s2[0]).item():.3g}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Append K distracting observation columns to a transitions CSV (stdlib only).

Each episode carries K independent AR(1) noise processes n' = rho*n + sqrt(1 - rho^2)*eps, eps ~ N(0, 1),
started from the stationary N(0, 1): obs_{d+j} holds n_t and next_obs_{d+j} holds n_{t+1}, so the noise is
consistent along the episode (the next row's obs is this row's next_obs) and partly predictable from the
current noise, but carries no information about reward or the real state. This is the process of the
built-in environments' distractors=K env-param (valuekit evaluate policy --env-param distractors=K),
so a policy trained on the augmented data can be evaluated in the environment.

usage: distract.py IN.csv OUT.csv K [RHO=0.9] [SEED=0]; rows must be ordered by episode and step.
"""
import csv, math, random, sys

src, dst, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
rho = float(sys.argv[4]) if len(sys.argv) > 4 else 0.9
rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 0)
s = math.sqrt(1 - rho * rho)
with open(src, newline="") as f, open(dst, "w", newline="") as g:
    r = csv.reader(f)
    head = next(r)
    d = sum(1 for h in head if h.startswith("obs_"))
    ep_col = head.index("episode")
    obs_end = head.index("obs_%d" % (d - 1)) + 1
    nxt_end = head.index("next_obs_%d" % (d - 1)) + 1
    out = head[:obs_end] + ["obs_%d" % (d + j) for j in range(k)] + head[obs_end:nxt_end] \
        + ["next_obs_%d" % (d + j) for j in range(k)] + head[nxt_end:]
    w = csv.writer(g, lineterminator="\n")
    w.writerow(out)
    episode, noise = None, None
    for row in r:
        if row[ep_col] != episode:
            episode, noise = row[ep_col], [rng.gauss(0, 1) for _ in range(k)]
        nxt = [rho * n + s * rng.gauss(0, 1) for n in noise]
        w.writerow(row[:obs_end] + ["%.7g" % v for v in noise] + row[obs_end:nxt_end] + ["%.7g" % v for v in nxt]
                   + row[nxt_end:])
        noise = nxt

"""Writes the small D4RL-, Minari- and npz-format fixtures and the CSV tables they must read as.

Run from this directory with Debian's python3-h5py and python3-numpy:  /usr/bin/python3 make_fixtures.py
The expected CSVs are written here independently of valuekit (episode/step counted, next_obs taken
from next_observations or the following row of the same episode, last steps dropped as documented).
"""
import csv
import json
import os

import h5py
import numpy as np

rng = np.random.default_rng(7)


def f32(a):
    return np.asarray(a, dtype=np.float32)


def fmt(x):
    # Shortest repr that reads back to the same double (floats) or the integer / flag.
    if isinstance(x, (bool, np.bool_)):
        return "1" if x else "0"
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    return repr(float(x))


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerows(rows)


def header(d_obs, d_act):
    return (["episode", "step"] + [f"obs_{i}" for i in range(d_obs)] + [f"act_{i}" for i in range(d_act)]
            + ["reward"] + [f"next_obs_{i}" for i in range(d_obs)] + ["terminated", "truncated"])


# --- D4RL layout: 3 episodes back to back: 4 steps ending terminal, 5 ending in a timeout,
# 3 steps cut off at the end of the file (neither flag set).
lengths, ends = [4, 5, 3], ["terminal", "timeout", None]
n = sum(lengths)
obs = f32(rng.normal(size=(n, 3)))
act = f32(rng.uniform(-1, 1, size=(n, 2)))
rew = f32(rng.normal(size=n))
term = np.zeros(n, dtype=bool)
tout = np.zeros(n, dtype=bool)
nxt = f32(obs + 0.5)  # deliberately not the next row, so the test can tell them apart
at = 0
for length, end in zip(lengths, ends):
    if end == "terminal":
        term[at + length - 1] = True
    elif end == "timeout":
        tout[at + length - 1] = True
    at += length

with h5py.File("d4rl-small.hdf5", "w") as f:
    f["observations"], f["actions"], f["rewards"] = obs, act, rew
    f["terminals"], f["timeouts"] = term, tout
    f.create_group("infos")["qpos"] = obs[:, :2]  # extra data D4RL files carry; ignored
with h5py.File("d4rl-next.hdf5", "w") as f:
    f["observations"], f["actions"], f["rewards"] = obs.astype(np.float64), act, rew
    f["terminals"], f["timeouts"], f["next_observations"] = term, tout, nxt.astype(np.float64)
    f["metadata/algorithm"] = "SAC"  # a string dataset somewhere else in the file
np.savez("d4rl-small.npz", observations=obs, actions=act, rewards=rew, terminals=term, timeouts=tout)
np.savez_compressed("d4rl-next.npz", observations=obs.astype(np.float64), actions=act, rewards=rew,
                    terminals=term.astype(np.uint8), timeouts=tout, next_observations=nxt.astype(np.float64))

rows_next, rows_drop = [header(3, 2)], [header(3, 2)]
episode = step = 0
for i in range(n):
    end = term[i] or tout[i]
    base = [episode, step] + list(obs[i]) + list(act[i]) + [rew[i]]
    rows_next.append([fmt(v) for v in base + list(nxt[i]) + [term[i], tout[i]]])
    if not end and i + 1 < n:
        rows_drop.append([fmt(v) for v in base + list(obs[i + 1]) + [term[i], tout[i]]])
    step += 1
    if end:
        episode, step = episode + 1, 0
write_csv("d4rl-next.csv", rows_next)
write_csv("d4rl-small.csv", rows_drop)

# --- Minari layout: one group per episode, T+1 observations, ids not starting at 0 in file order.
os.makedirs("minari-small/data", exist_ok=True)
rows = [header(2, 1)]
with h5py.File("minari-small/data/main_data.hdf5", "w") as f:
    for eid, t in [(0, 3), (1, 2), (2, 4)]:
        g = f.create_group(f"episode_{eid}")
        g.attrs["id"], g.attrs["total_steps"] = eid, t
        o = rng.normal(size=(t + 1, 2))  # float64 observations
        a = f32(rng.uniform(-2, 2, size=(t, 1)))
        r = rng.normal(size=t)
        te = np.zeros(t, dtype=bool)
        tr = np.zeros(t, dtype=bool)
        (te if eid == 1 else tr)[-1] = True
        g["observations"], g["actions"], g["rewards"] = o, a, r
        g["terminations"], g["truncations"] = te, tr
        g.create_group("infos")["success"] = te
        for i in range(t):
            rows.append([fmt(v) for v in [eid, i] + list(o[i]) + list(a[i]) + [r[i]] + list(o[i + 1]) + [te[i], tr[i]]])
write_csv("minari-small.csv", rows)
with open("minari-small/metadata.json", "w") as f:
    json.dump({"dataset_id": "valuekit/fixture-v0", "total_episodes": 3, "total_steps": 9}, f)

# --- bad inputs: exit 2, one line, nothing written
os.makedirs("bad", exist_ok=True)
with h5py.File("bad/no-actions.hdf5", "w") as f:
    f["observations"], f["rewards"], f["terminals"] = obs, rew, term
with h5py.File("bad/lengths.hdf5", "w") as f:
    f["observations"], f["actions"], f["rewards"] = obs, act[:-1], rew
    f["terminals"], f["timeouts"] = term, tout
np.savez("bad/object.npz", observations=np.array([obs[0], "x"], dtype=object), actions=act, rewards=rew, terminals=term)

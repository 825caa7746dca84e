"""Seeded pendulum-like transitions table (CSV) for the conversion benchmarks: make_transitions.py ROWS PATH."""
import sys, numpy as np, pandas as pd
rows, path = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(12345)
# Pendulum-like transitions: float32 observations written as float64 (like ../shared/datasets).
f32 = lambda a: a.astype(np.float32).astype(np.float64)
obs = f32(rng.uniform(-1, 1, (rows, 3)) * [1, 1, 8])
act = f32(rng.uniform(-2, 2, (rows, 1)))
nxt = f32(obs + rng.normal(0, 0.05, (rows, 3)))
df = pd.DataFrame({"episode": np.arange(rows) // 200, "step": np.arange(rows) % 200})
for i in range(3): df[f"obs_{i}"] = obs[:, i]
df["act_0"] = act[:, 0]
df["reward"] = f32(-(obs[:, 0] ** 2) - 0.1 * obs[:, 2] ** 2 - 0.001 * act[:, 0] ** 2)
for i in range(3): df[f"next_obs_{i}"] = nxt[:, i]
df["terminated"] = 0
df["truncated"] = (df["step"] == 199).astype(int)
df.to_csv(path, index=False, lineterminator="\r\n")

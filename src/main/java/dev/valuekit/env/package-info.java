/**
 * Gymnasium's classic-control environments (Pendulum-v1, MountainCarContinuous-v0, CartPole-v1,
 * Acrobot-v1), re-implemented to agree with Gymnasium 1.x operation by operation: same formulas in
 * the same order, float32 where Gymnasium casts to float32, StrictMath for transcendental functions
 * so results do not depend on the JVM.
 *
 * <p>Scalar arithmetic follows NumPy 1.x promotion (NumPy-scalar-with-Python-number math in
 * float64), which is what the shared recordings in {@code ../shared/datasets} were made with:
 * MountainCarContinuous, whose float32 state is recoverable from its observation, reproduces 99.9%
 * of those rows bit for bit (all but each episode's first step, whose float64 reset state is only
 * known rounded). Under NumPy 2 a few products with the float32 action stay float32; the difference
 * is about one float32 ulp of the observation.
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. env is base and uses only common.
 */
package dev.valuekit.env;

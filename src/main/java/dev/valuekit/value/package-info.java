/**
 * V and Q functions: critic ensembles, TD/MC/FQE fitting, SAC, the learned policies (actor, best-of-N).
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. value is an engine: it uses models
 * and base, never rollout.
 */
package dev.valuekit.value;

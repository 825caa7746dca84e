/**
 * The rollout engines: whole episodes in a built-in environment and branched k-step rollouts of a dynamics
 * model, uncertainty penalties, the transitions they write.
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. rollout is an engine: it uses models
 * and base, never value.
 */
package dev.valuekit.rollout;

/**
 * Dynamics models: the DynamicsModel interface, learned ensembles (network, trainer, artifacts), built-in
 * environments as models, termination rules.
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. dynamics is a model package: it uses
 * base and fit, never cltv or policy.
 */
package dev.valuekit.dynamics;

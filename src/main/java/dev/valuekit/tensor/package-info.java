/**
 * ND4J set-up and the numerical core: ensemble layers and MLPs with explicit forward/backward passes,
 * losses, Adam, normalisers, minibatch row orders.
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. tensor is base and uses only
 * common.
 */
package dev.valuekit.tensor;

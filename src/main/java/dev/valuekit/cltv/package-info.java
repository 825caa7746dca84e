/**
 * Customer lifetime value: RFM features, BG/NBD and Gamma-Gamma, the neural ZILN and OptDist models
 * and their trainer, scoring.
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. cltv is a model package: it uses
 * base and fit, never dynamics or policy.
 */
package dev.valuekit.cltv;

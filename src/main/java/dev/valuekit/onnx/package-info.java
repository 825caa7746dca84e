/**
 * Export of valuekit models to ONNX graphs.
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. onnx is an analysis: it uses
 * engines, models and base.
 */
package dev.valuekit.onnx;

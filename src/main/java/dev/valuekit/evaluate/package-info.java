/**
 * Metrics and reports: model, policy, value and CLTV evaluation (JSON, text tables, plots).
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. evaluate is an analysis: it uses
 * engines, models and base.
 */
package dev.valuekit.evaluate;

/**
 * SVD-based adaptation: SVD variants, adapters (SoMA, MiLoRA, PiSSA, LoRA, SoKA), their fits per model
 * kind, merge and export.
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. adapt is an analysis: it uses
 * engines, models, fit and base.
 */
package dev.valuekit.adapt;

/**
 * Cross-cutting types every package may use: bad-input and computation errors, atomic output files,
 * the progress listener through which domain code reports, build information.
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. common is the bottom and depends on
 * nothing in valuekit.
 */
package dev.valuekit.common;

/**
 * The commands: parse flags into options, open inputs, call one domain entry point, write outputs. The only
 * package that prints or exits.
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. cli is the top: nothing depends on
 * it.
 */
package dev.valuekit.cli;

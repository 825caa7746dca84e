/**
 * Tables: Arrow IPC (file and stream) and CSV readers and writers, schemas, column selection and the
 * transition column names.
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. table is base and uses only common.
 */
package dev.valuekit.table;

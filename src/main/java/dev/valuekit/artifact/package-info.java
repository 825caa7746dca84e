/**
 * Model files (DESIGN.md section 3): safetensors with valuekit's metadata.
 *
 * <p>Layout: an 8-byte little-endian header length N, N bytes of JSON header (space-padded so the
 * data starts at a multiple of 8), then the tensors' bytes, little-endian, row-major, back to back.
 * The header maps each tensor name (a dotted path such as {@code dynamics.layer.0.weight}) to its
 * {@code dtype} (F32 or F64), {@code shape} and {@code data_offsets}; {@code __metadata__} holds
 * {@code valuekit.format} = 1, {@code valuekit.kind}, and {@code valuekit.spec} and
 * {@code valuekit.provenance} as JSON strings.
 *
 * <p>Use {@link dev.valuekit.artifact.Artifacts} for valuekit models and
 * {@link dev.valuekit.artifact.SafetensorsReader} / {@link dev.valuekit.artifact.SafetensorsWriter}
 * for plain safetensors (other tools' weights, PEFT exports). Writing is deterministic; reading
 * checks every byte of the header before trusting it.
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. artifact is base and uses only
 * common.
 */
package dev.valuekit.artifact;

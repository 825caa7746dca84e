/**
 * Policies: the {@link dev.valuekit.policy.Policy} interface every action source implements and the
 * built-in ones named on the command line ({@code random}, {@code constant:A}, {@code gaussian:SIGMA};
 * {@link dev.valuekit.policy.Policies} parses them). Learned policies (an agent's actor, best-of-N by a
 * critic) live in {@code value} and implement the same interface, so rollout and value both depend on
 * this package and not on each other.
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. policy is a model package: it uses
 * common and env only.
 */
package dev.valuekit.policy;

/**
 * The training loop every trainer shares: {@link dev.valuekit.fit.TrainingLoop} runs epochs, scores a
 * held-out split ({@link dev.valuekit.fit.HoldoutSplit}: whole episodes when the data has them, random
 * rows otherwise), stops early and restores the best epoch ({@link dev.valuekit.fit.EarlyStopping}, per
 * ensemble member or for the whole model), records one {@link dev.valuekit.fit.EpochRecord} per epoch
 * (as a table: {@link dev.valuekit.fit.TrainingLogTable}) and reports progress through
 * {@link dev.valuekit.common.ProgressListener}.
 *
 * <p>How a trainer plugs in: implement {@link dev.valuekit.fit.TrainingLoop.Trainee}, whose
 * {@code trainEpoch(epoch)} walks the training rows in minibatches ({@link dev.valuekit.fit.BatchPlan};
 * draw the row order there, from a generator seeded by the run's seed, so results stay repeatable) and
 * returns per-member losses and the per-slice score early stopping compares, and whose
 * {@code holdout(epoch)} scores the held-out rows. Build an {@code EarlyStopping} over the parameters
 * to restore (one slice per member, or one slice for the model) starting from the untrained held-out
 * score, then call {@code TrainingLoop.run}. Override {@code metrics}, {@code diverged} and
 * {@code epochDone} (checkpoints) as needed. Users: dynamics (train-model), cltv (predict-cltv fit),
 * adapt (svd-adapt fit).
 *
 * <p>Layering: base (common, tensor, table, artifact, env) → fit → {dynamics, cltv, policy} → {rollout,
 * value} → {evaluate, adapt, onnx} → cli; pinned by ArchitectureTest. fit uses base only.
 */
package dev.valuekit.fit;

package dev.valuekit.adapt;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Params;

import java.util.ArrayList;
import java.util.List;

/**
 * What an objective trains: for an adapter method, one {@link AdaptedMatrix} per selected matrix and
 * their factors; for full fine-tuning, the selected layers' weights and biases themselves. Every other
 * parameter of the network is frozen. Adapters are initialised (ranks checked) before anything trains.
 */
public final class AdapterBinding {
    private final List<AdaptedMatrix> matrices = new ArrayList<>();
    private final Params trained = new Params();

    /** @param all the network's parameters, named as the base's tensors */
    public AdapterBinding(Params all, Artifact base, List<MatrixRef> refs, AdaptFitOptions o, ProgressListener progress) {
        for (Param p : all.list()) p.trainable(false);
        if (o.full()) {
            for (MatrixRef r : refs) {
                String layer = r.tensor().substring(0, r.tensor().length() - ".weight".length());
                for (String n : List.of(layer + ".weight", layer + ".bias")) {
                    if (all.contains(n) && !trained.contains(n)) trained.add(all.get(n).trainable(true));
                }
            }
            return;
        }
        double worst = 0;
        for (MatrixRef r : refs) {
            Param target = all.get(r.tensor()).trainable(true);  // its gradient feeds the factors
            LayerAdapter init = AdapterInit.init(r.key(), ModelMatrices.weight(base, r), o.adapter());
            worst = Math.max(worst, init.maxReconstructionError());
            AdaptedMatrix m = new AdaptedMatrix(r, target, init);
            matrices.add(m);
            trained.add(m.a()).add(m.b());
        }
        progress.info(String.format(java.util.Locale.ROOT, "%d %s adapters of rank %d; max |W_res + delta - W| after init: %.3g",
                refs.size(), o.adapter().method().id(), o.adapter().rank(), worst));
    }

    public List<AdaptedMatrix> matrices() { return matrices; }

    /** The parameters the optimiser steps. */
    public Params trained() { return trained; }

    public void materialize() { for (AdaptedMatrix m : matrices) m.materialize(); }

    /** Chains the network's weight gradients into the factors (after the network's backward). */
    public void backward() { for (AdaptedMatrix m : matrices) m.backward(); }
}

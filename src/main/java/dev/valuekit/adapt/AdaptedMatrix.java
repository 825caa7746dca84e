package dev.valuekit.adapt;

import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Param;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binds one member matrix of an ensemble weight T [members, in, out] to its adapter during training.
 * The network keeps computing with T; before each forward {@link #materialize} writes the effective
 * weight W = W_res + ΔW(factors) into T[m] (as Wᵀ), the network's own backward then yields
 * dL/dT[m] = (dL/dW)ᵀ, and {@link #backward} chains it into the factors:
 * <pre>
 *   low rank, ΔW = s·B·A:   dA = s·Bᵀ·dW,  dB = s·dW·Aᵀ
 *   Kronecker, ΔW = Σ Aₖ⊗Bₖ: with R(·) the Van Loan rearrangement (R(Aₖ⊗Bₖ) = vec Aₖ·vec Bₖᵀ),
 *                           vec dAₖ = R(dW)·vec Bₖ,  vec dBₖ = R(dW)ᵀ·vec Aₖ
 * </pre>
 * The factors are {@link Param}s in the runtime precision, so the ordinary optimiser steps them; the
 * residual stays f64 and frozen.
 */
public final class AdaptedMatrix {
    private final MatrixRef ref;
    private final Param target;
    private final LayerAdapter initial;
    private final Param a;
    private final Param b;

    /** @param target the ensemble weight holding the matrix; its gradient must be computed (trainable) */
    public AdaptedMatrix(MatrixRef ref, Param target, LayerAdapter initial) {
        if (!ref.isMember() || target.shape().length != 3) throw new IllegalArgumentException(ref + ": only ensemble member matrices train");
        this.ref = ref;
        this.target = target;
        this.initial = initial;
        INDArray a0, b0;
        if (initial instanceof LowRankAdapter l) { a0 = l.a(); b0 = l.b(); }
        else { KroneckerAdapter k = (KroneckerAdapter) initial; a0 = k.a(); b0 = k.b(); }
        this.a = new Param("adapter." + ref.key() + ".A", a0.shape());
        this.b = new Param("adapter." + ref.key() + ".B", b0.shape());
        a.set(Lapack.fresh(a0).data().asDouble());
        b.set(Lapack.fresh(b0).data().asDouble());
    }

    public MatrixRef ref() { return ref; }
    public LayerAdapter initial() { return initial; }
    public Param a() { return a; }
    public Param b() { return b; }

    /** The adapter with the factors' current values. */
    public LayerAdapter tuned() {
        INDArray av = Nd4j.create(a.toDoubleArray(), a.shape(), DataType.DOUBLE);
        INDArray bv = Nd4j.create(b.toDoubleArray(), b.shape(), DataType.DOUBLE);
        if (initial instanceof LowRankAdapter l) return l.withFactors(av, bv);
        KroneckerAdapter k = (KroneckerAdapter) initial;
        return new KroneckerAdapter(k.rank(), k.shape(), av, bv, k.residual(), k.maxReconstructionError());
    }

    /** Writes W_res + ΔW (current factors) into the network's weight, transposed into T[m]. */
    public void materialize() {
        INDArray w = tuned().merged();
        target.value().slice(ref.member()).assign(w.transpose().castTo(target.value().dataType()));
    }

    /** Sets the factors' gradients from the network's gradient of T[m] (call after the network's backward). */
    public void backward() {
        INDArray dw = target.grad().slice(ref.member()).castTo(DataType.DOUBLE).transpose().dup('c');   // [out, in]
        INDArray av = Nd4j.create(a.toDoubleArray(), a.shape(), DataType.DOUBLE);
        INDArray bv = Nd4j.create(b.toDoubleArray(), b.shape(), DataType.DOUBLE);
        INDArray da, db;
        if (initial instanceof LowRankAdapter l) {
            double s = l.scaling();
            da = bv.transpose().mmul(dw).muli(s);
            db = dw.mmul(av.transpose()).muli(s);
        } else {
            KroneckerAdapter k = (KroneckerAdapter) initial;
            KroneckerShape sh = k.shape();
            int r = k.rank(), na = sh.m1() * sh.n1(), nb = sh.m2() * sh.n2();
            INDArray rw = KroneckerSvd.rearrange(dw, sh);                       // [m1·n1, m2·n2]
            INDArray aFlat = av.reshape('c', r, na), bFlat = bv.reshape('c', r, nb);
            da = bFlat.mmul(rw.transpose()).reshape('c', r, sh.m1(), sh.n1());  // row k: (R·vec Bₖ)ᵀ
            db = aFlat.mmul(rw).reshape('c', r, sh.m2(), sh.n2());              // row k: (Rᵀ·vec Aₖ)ᵀ
        }
        a.grad().assign(da.castTo(a.grad().dataType()));
        b.grad().assign(db.castTo(b.grad().dataType()));
    }
}

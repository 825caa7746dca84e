package dev.valuekit.adapt;

import dev.valuekit.common.BadInputException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.SplittableRandom;

/** Builds a layer's adapter from its weight W [out, in] and checks that W is reproduced. */
public final class AdapterInit {
    private AdapterInit() {}

    /**
     * PiSSA / MiLoRA / SoMA: with the chosen r components (U_r, S_r, Vh_r) and s = alpha / r,
     * A = diag(√(S_r/s))·Vh_r, B = U_r·diag(√(S_r/s)), so s·B·A = U_r·diag(S_r)·Vh_r, and W_res = W − s·B·A.
     * LoRA: A ~ U(−1/√in, 1/√in) (PEFT's kaiming_uniform_(a=√5) on an [r, in] weight), B = 0, W_res = W.
     * SoKA: the r leading Kronecker terms with √σₖ in each factor, W_res = W − Σ Aₖ⊗Bₖ.
     *
     * @param name the layer, for error messages
     */
    public static LayerAdapter init(String name, INDArray weight, AdapterOptions o) {
        Svd.requireMatrix(weight);
        INDArray w = Lapack.fresh(weight);
        if (!(o.alpha() > 0) || Double.isInfinite(o.alpha())) {
            throw new BadInputException("alpha " + o.alpha() + " must be a positive number", "pass e.g. --lora-alpha 16 (scale = alpha / rank)");
        }
        if (o.svd() == SvdMode.RANDOMIZED && o.method().usesMinorComponents()) {
            throw new BadInputException("randomized SVD finds only the dominant subspace; minor-component methods (soma, milora) need --svd full",
                    "pass --svd full, or use a principal-component method (pissa)");
        }
        LayerAdapter adapter = switch (o.method()) {
            case LORA -> lora(name, w, o);
            case PISSA, MILORA, SOMA -> svdInit(name, w, o);
            case SOKA -> soka(name, w, o);
        };
        return adapter;
    }

    private static LowRankAdapter lora(String name, INDArray w, AdapterOptions o) {
        int out = (int) w.size(0), in = (int) w.size(1);
        requireRank(name, o.rank(), Math.min(out, in));
        double bound = 1 / Math.sqrt(in);
        SplittableRandom rng = new SplittableRandom(o.seed());
        double[] a = new double[o.rank() * in];
        for (int i = 0; i < a.length; i++) a[i] = rng.nextDouble(-bound, bound);
        INDArray aa = Nd4j.create(a, new long[] {o.rank(), in}, DataType.DOUBLE);
        INDArray b = Nd4j.zeros(DataType.DOUBLE, out, o.rank());
        return new LowRankAdapter(o.method(), o.rank(), o.alpha(), aa, b, w, 0.0);
    }

    private static LowRankAdapter svdInit(String name, INDArray w, AdapterOptions o) {
        int r = o.rank();
        requireRank(name, r, (int) Math.min(w.size(0), w.size(1)));
        SvdResult svd = Svd.compute(w, o.svd(), o.randomized());
        SvdResult part = o.method().usesMinorComponents() ? svd.minor(r) : svd.principal(r);
        double s = o.scaling();
        INDArray root = Transforms.sqrt(part.s().div(s), false);
        INDArray a = part.vt().mulColumnVector(root.reshape(r, 1));
        INDArray b = part.u().mulRowVector(root);
        INDArray residual = w.sub(b.mmul(a).muli(s));
        LowRankAdapter adapter = new LowRankAdapter(o.method(), r, o.alpha(), a, b, residual, 0);
        return new LowRankAdapter(o.method(), r, o.alpha(), a, b, residual, error(adapter, w));
    }

    private static KroneckerAdapter soka(String name, INDArray w, AdapterOptions o) {
        int rows = (int) w.size(0), cols = (int) w.size(1);
        KroneckerShape sh = o.kron() == null ? KroneckerShape.nearest(rows, cols) : KroneckerShape.parse(o.kron(), rows, cols);
        int r = o.rank();
        if (r < 1 || r > sh.maxRank()) {
            throw new BadInputException("rank " + r + " is outside 1.." + sh.maxRank() + " for layer " + name + " with Kronecker factors "
                    + sh.m1() + "x" + sh.n1() + " and " + sh.m2() + "x" + sh.n2(),
                    "choose --rank between 1 and " + sh.maxRank() + " or other factor shapes with --kron");
        }
        INDArray rearranged = KroneckerSvd.rearrange(w, sh);
        SvdResult svd = Svd.compute(rearranged, o.svd(), o.randomized()).principal(r);
        INDArray root = Transforms.sqrt(svd.s(), true);
        INDArray a = svd.u().mulRowVector(root).transpose().dup('c').reshape('c', r, sh.m1(), sh.n1());
        INDArray b = svd.vt().mulColumnVector(root.reshape(r, 1)).dup('c').reshape('c', r, sh.m2(), sh.n2());
        KroneckerAdapter draft = new KroneckerAdapter(r, sh, a, b, w, 0);
        INDArray residual = w.sub(draft.delta());
        KroneckerAdapter adapter = new KroneckerAdapter(r, sh, a, b, residual, 0);
        return new KroneckerAdapter(r, sh, a, b, residual, error(adapter, w));
    }

    private static double error(LayerAdapter adapter, INDArray w) {
        return adapter.merged().sub(w).amaxNumber().doubleValue();
    }

    private static void requireRank(String name, int r, int max) {
        if (r < 1 || r > max) {
            throw new BadInputException("rank " + r + " is outside 1.." + max + " for layer " + name + " (min(rows, cols) of its weight)",
                    "choose --rank between 1 and " + max);
        }
    }
}

package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;
import dev.valuekit.tensor.Activation;

/**
 * Architecture of a neural CLTV model: hidden widths and activation shared by the sub-networks and the
 * selector, the number of sub-networks (1 for ZILN), and the embedding width of categorical columns.
 */
public record NetworkShape(NeuralModelType type, int[] hidden, Activation activation, int subNetworks, int embeddingDim) {
    public NetworkShape {
        if (hidden.length == 0) throw new BadInputException("--hidden needs at least one layer", "e.g. --hidden 64,32");
        for (int h : hidden) if (h < 1) throw new BadInputException("--hidden widths must be >= 1, got " + h, "e.g. --hidden 64,32");
        if (subNetworks < 1) throw new BadInputException("--sub-networks must be >= 1, got " + subNetworks, "e.g. --sub-networks 4");
        if (type == NeuralModelType.ZILN && subNetworks != 1) throw new IllegalArgumentException("ZILN has one network");
        if (embeddingDim < 1) throw new BadInputException("--embedding-dim must be >= 1, got " + embeddingDim, "e.g. --embedding-dim 5");
        hidden = hidden.clone();
    }
}

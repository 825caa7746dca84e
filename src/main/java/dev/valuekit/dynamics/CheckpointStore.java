package dev.valuekit.dynamics;

import java.io.IOException;

/** Where the trainer keeps its checkpoints; {@link #NONE} keeps none. */
public interface CheckpointStore {
    /** Restores the network's parameters and returns the saved state, or null when there is none. */
    TrainingState load(DynamicsNetwork network) throws IOException;

    void save(DynamicsNetwork network, TrainingState state) throws IOException;

    CheckpointStore NONE = new CheckpointStore() {
        @Override public TrainingState load(DynamicsNetwork network) { return null; }
        @Override public void save(DynamicsNetwork network, TrainingState state) {}
    };
}

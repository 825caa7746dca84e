package dev.valuekit.dynamics;

import dev.valuekit.table.Transitions;

/**
 * The value function that weights VaGraM's loss, as {@link DynamicsFit} needs it: implemented by the
 * value package's state values, so dynamics does not depend on how values are stored.
 */
public interface VagramValue {
    /** The kind of model the value came from (value, agent), recorded in the spec. */
    String kind();

    /** Bad input unless the value reads exactly these observation columns. */
    void requireColumns(String[] obsColumns, String dataSource);

    /** |dV/ds'| at every row's next observation, row-major [rows x obsDim]. */
    double[] gradientAtNextObs(Transitions data);
}

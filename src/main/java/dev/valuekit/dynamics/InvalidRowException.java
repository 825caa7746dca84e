package dev.valuekit.dynamics;

/**
 * A model was given a row it cannot predict from. {@code row} is 0-based within the batch and
 * {@code actionIndex} the offending action component (-1 if none); callers that know the file and
 * column names turn this into a located BadInputException.
 */
public final class InvalidRowException extends RuntimeException {
    private final int row;
    private final int actionIndex;
    private final String fix;

    public InvalidRowException(String what, int row, int actionIndex, String fix) {
        super(what);
        this.row = row;
        this.actionIndex = actionIndex;
        this.fix = fix;
    }

    public int row() { return row; }
    public int actionIndex() { return actionIndex; }
    public String fix() { return fix; }
}

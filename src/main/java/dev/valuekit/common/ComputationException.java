package dev.valuekit.common;

/** Computing failed although the input was acceptable: divergence, a NaN loss (exit code 1). */
public class ComputationException extends RuntimeException {
    public ComputationException(String message) {
        super(BadInputException.oneLine(message));
    }

    public ComputationException(String message, Throwable cause) {
        super(BadInputException.oneLine(message), cause);
    }
}

package dev.valuekit.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an option whose value is a file the command writes. Before any work, {@link BaseCommand}
 * checks every such path that was given ({@code -} = stdout is skipped), so a run that would fail at
 * its end (an existing directory, a missing or read-only directory) fails at its start instead.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface OutputFile {}

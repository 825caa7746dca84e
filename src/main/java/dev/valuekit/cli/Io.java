package dev.valuekit.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The process's streams as a command sees them. {@code stdout} is the real file descriptor 1 (data
 * only); {@code System.out} is redirected to stderr because ND4J prints there.
 */
public record Io(InputStream stdin, OutputStream stdout, PrintStream stderr, boolean stderrIsTerminal) {}

package dev.valuekit.value;

/** CPU time of the whole process (JIT and GC threads included): wall time misleads on a shared machine. */
final class CpuTime {
    private CpuTime() {}

    static long processNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return System.nanoTime();
    }
}

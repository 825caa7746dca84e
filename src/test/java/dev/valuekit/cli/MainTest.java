package dev.valuekit.cli;

import dev.valuekit.common.BadInputException;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @Test
    void versionNamesTheBackend() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.stdout().startsWith("valuekit "), r::toString);
        assertTrue(r.stdout().contains("backend: ND4J cpu"), r::toString);
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        Cli.Result r = Cli.run("--no-such-option");
        assertEquals(2, r.code());
        assertEquals(1, r.stderr().strip().lines().count(), r::toString);
        assertTrue(r.stderr().contains("--no-such-option"), r::toString);
    }

    @Test
    void helpListsSubcommandsAndExitCodes() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.code());
        assertTrue(r.stdout().contains("Exit codes: 0 success"), r::toString);
        assertTrue(r.stdout().contains("Examples:"), r::toString);
    }

    @Test
    void deviceMustMatchTheBackendTheJarCarries() {
        BaseCommand.requireDevice(null, "cpu");
        BaseCommand.requireDevice(GlobalOptions.Device.cpu, "cpu");
        BaseCommand.requireDevice(GlobalOptions.Device.gpu, "cuda-11.6");
        var gpuOnCpu = assertThrows(BadInputException.class, () -> BaseCommand.requireDevice(GlobalOptions.Device.gpu, "cpu"));
        assertTrue(gpuOnCpu.getMessage().contains("CPU backend only"), gpuOnCpu::getMessage);
        var cpuOnGpu = assertThrows(BadInputException.class, () -> BaseCommand.requireDevice(GlobalOptions.Device.cpu, "cuda-11.6"));
        assertTrue(cpuOnGpu.getMessage().contains("cuda-11.6 backend only"), cpuOnGpu::getMessage);
        Cli.Result ok = Cli.run("--device", "cpu", "--version");
        assertEquals(0, ok.code(), ok::toString);
    }
}

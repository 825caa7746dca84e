package dev.valuekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleTest {
    @Test
    void textLogsShowFourSignificantDigits() {
        assertEquals("0.4279", Console.significant(0.42790606834728795));
        assertEquals("-1.235", Console.significant(-1.23456));
        assertEquals("123500", Console.significant(123456.7));
        assertEquals("1.5e-07", Console.significant(1.5e-7));
        assertEquals("2.5e+09", Console.significant(2.5e9));
        assertEquals("1", Console.significant(0.99999));
        assertEquals("0", Console.significant(0.0));
        assertEquals("NaN", Console.significant(Double.NaN));
        assertEquals("7", Console.readable(7L));
        assertEquals("[0.3333,2]", Console.readable(new double[] {1.0 / 3, 2}));
        assertEquals("{a=0.6667,b=[1.5e-05]}", Console.readable(Map.of("a", 2.0 / 3, "b", List.of(1.5e-5))).replace("{b=[1.5e-05],a=0.6667}", "{a=0.6667,b=[1.5e-05]}"));
    }

    @Test
    void textLinesStayWithinEightyColumnsWhileJsonKeepsFullPrecision() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", 12);
        m.put("train_loss", -1.2345678901234);
        m.put("holdout_mse", 0.42790606834728795);
        m.put("holdout_loss", 3.14159265358979);
        m.put("best_holdout_mse", 0.42790606834728795);
        m.put("seconds", 0.123);
        String text = log(GlobalOptions.LogFormat.text, m);
        assertTrue(text.startsWith("valuekit train-model: epoch epoch=12 train_loss=-1.235 holdout_mse=0.4279"), text);
        assertTrue(text.contains("best_holdout_mse=0.4279"), text);
        for (String line : text.split("\n")) assertTrue(line.length() <= Console.WIDTH, "line over 80 columns: " + line);
        assertTrue(text.split("\n").length >= 2, "long lines continue on the next: " + text);

        String json = log(GlobalOptions.LogFormat.json, m);
        var values = new ObjectMapper().readTree(json).get("values");
        assertEquals(0.42790606834728795, values.get("best_holdout_mse").asDouble(), 0.0);
        assertEquals(-1.2345678901234, values.get("train_loss").asDouble(), 0.0);
    }

    private static String log(GlobalOptions.LogFormat format, Map<String, ?> values) {
        GlobalOptions g = new GlobalOptions();
        new CommandLine(g).parseArgs("--log-format", format.name());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new Console(err, "train-model", g, false).metrics("epoch", values);
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }
}

package dev.llmrouter.examples.quickstart;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuickstartAppTest {

    @Test
    void classifiesEveryPromptAgainstTheEmulatorAndReportsCost() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        BigDecimal total = QuickstartApp.run(null, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String[] lines = buffer.toString(StandardCharsets.UTF_8).split("\\R");

        assertTrue(lines[0].startsWith("No OPENROUTER_API_KEY set: using the local OpenRouter emulator at http://127.0.0.1:"),
                lines[0]);
        assertTrue(lines[1].startsWith("billing") && lines[1].contains("model=anthropic/claude-sonnet-4.5"), lines[1]);
        assertTrue(lines[2].startsWith("shipping") && lines[2].contains("model=anthropic/claude-haiku-4.5"), lines[2]);
        assertTrue(lines[3].startsWith("account"), lines[3]);
        assertTrue(total.signum() > 0);
        assertEquals("Total cost: $" + total.toPlainString(), lines[4]);
    }
}

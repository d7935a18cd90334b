package dev.llmrouter.examples.agent;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupportAgentAppTest {

    @Test
    void answersEveryTicketWithItsToolsAndKeepsEachUnderItsCap(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<SupportAgentApp.TicketResult> results = SupportAgentApp.run(null, dir,
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String printed = buffer.toString(StandardCharsets.UTF_8);

        assertTrue(printed.startsWith("No OPENROUTER_API_KEY set: using the local OpenRouter emulator at http://127.0.0.1:"),
                printed);
        assertEquals(5, results.size(), printed);
        for (SupportAgentApp.TicketResult r : results) {
            assertNull(r.failure(), r.id() + ": " + r.failure());
            assertTrue(r.cost().signum() > 0, r.id());
            assertTrue(r.cost().compareTo(SupportAgentApp.MAX_COST_PER_TICKET) <= 0,
                    r.id() + " cost " + r.cost() + " is over the cap");
        }
        SupportAgentApp.TicketResult t1 = results.get(0);
        assertEquals(List.of("lookup_order"), t1.tools());
        assertEquals(1, t1.rounds());
        assertNull(t1.stopped());
        assertTrue(t1.answer().contains("order 1001"), t1.answer());

        // a route tool, the MCP server and the second route tool, in that order; the refund reached the database
        SupportAgentApp.TicketResult t2 = results.get(1);
        assertEquals(List.of("lookup_order", "policy_search", "request_refund"), t2.tools());
        assertEquals(3, t2.rounds());
        assertTrue(t2.answer().contains("refund of 59.00 USD"), t2.answer());
        assertTrue(printed.contains("refunds filed: [1002:59.00]"), printed);

        assertEquals(List.of("policy_search"), results.get(2).tools());
        assertEquals(List.of("request_refund"), results.get(3).tools());
        assertTrue(results.get(3).answer().contains("not been delivered"), results.get(3).answer());

        // the runaway ticket: stopped by its cost cap, answered without tools, never over the cap
        SupportAgentApp.TicketResult t5 = results.get(4);
        assertEquals("maxLoopCost", t5.stopped());
        assertTrue(t5.rounds() >= 2, "rounds " + t5.rounds());
        assertTrue(t5.tools().stream().allMatch("lookup_order"::equals), t5.tools().toString());
        assertTrue(t5.answer().startsWith("You placed six orders"), t5.answer());

        BigDecimal total = results.stream().map(SupportAgentApp.TicketResult::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertTrue(printed.contains("$" + total.toPlainString() + " (cap $0.0005 per ticket)"), printed);
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("| T-2 | 3 | lookup_order, policy_search, request_refund | - |"), report);
        assertTrue(report.contains("| T-5 | " + t5.rounds() + " | "), report);
        assertTrue(report.contains("| maxLoopCost | " + t5.cost().toPlainString() + " |"), report);
    }
}

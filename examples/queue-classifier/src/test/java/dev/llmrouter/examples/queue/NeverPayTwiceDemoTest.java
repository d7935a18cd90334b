package dev.llmrouter.examples.queue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeverPayTwiceDemoTest {

    @Test
    void aCrashAndARestartCallTheModelOncePerTicketAndBookEachOnce() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        NeverPayTwiceDemo.Report r = NeverPayTwiceDemo.run(Path.of("target", "never-pay-twice-test"),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String output = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(output);

        int tickets = QueueClassifierApp.sampleMessages().size();
        assertEquals(tickets, r.tickets());
        assertEquals(tickets, r.modelCalls(), output);
        assertEquals(tickets, r.committed(), output);
        assertEquals(tickets / 3, r.crashed(), output);
        assertEquals(r.crashed(), r.replayed(), "every crashed ticket was answered from the store: " + output);
        assertTrue(r.paid().signum() > 0, output);
        assertEquals(0, r.paid().compareTo(r.booked()), "the budget booked what was paid, once: " + output);
        assertTrue(r.saved().signum() > 0, output);
        assertTrue(output.contains("nothing was paid twice"), output);
        assertTrue(output.contains("Run 1: " + tickets + " model calls"), output);
        // a crashed ticket comes back 5 s after its crash: on a slow machine some come back while run 1 still
        // runs and are answered from the store there; either way the restart makes no model call
        assertTrue(output.matches("(?s).*Run 2 \\(restarted on the same database\\): \\d+ redelivered tickets, \\d+"
                                  + " answered from the store, 0 model calls.*"), output);
    }
}

package dev.llmrouter.examples.queue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueClassifierExampleTest {

    @Test
    void everyMessageEndsInALabelQueueOrTheDeadLetterQueue() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        QueueClassifierApp.Summary s = QueueClassifierApp.run(null, null, Path.of("target", "artemis-test"),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String output = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        String[] lines = output.split("\\R");

        assertTrue(lines[0].startsWith("No OPENROUTER_API_KEY set: using the local OpenRouter emulator at http://127.0.0.1:"),
                lines[0]);
        assertEquals(QueueClassifierApp.sampleMessages().size() + 1, s.sent());
        assertEquals(s.sent(), s.out(), output); // count in = count out
        assertEquals(1, s.received().get(QueueClassifierApp.DLQ), output);
        assertEquals(3, s.received().get("classified.billing"), output);
        assertEquals(3, s.received().get("classified.shipping"), output);
        assertEquals(2, s.received().get("classified.account"), output);
        assertEquals(3, s.received().get("classified.technical"), output);
        assertEquals(1, s.received().get("classified.other"), output);
        assertTrue(output.contains("dead letter: \"Please use your premium model") && output.contains("BadRequestException"),
                output);
        assertTrue(s.cost().signum() > 0);

        // the JVM (and exec:java) exits right after the summary only if the run left no non-daemon thread behind
        Set<Thread> left = nonDaemonThreads();
        left.removeAll(before);
        assertEquals(List.of(), left.stream().map(Thread::getName).sorted().toList());
    }

    private static Set<Thread> nonDaemonThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.isDaemon()) {
                threads.add(t);
            }
        }
        return threads;
    }
}

package dev.llmrouter.examples.quarkus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * The demo run: sends the sample tickets (and one that asks for a model that does not exist, so it is
 * dead-lettered) to {@code seda:tickets}, waits until every one has reached an output queue, and prints how many
 * each queue received and what it cost: in = out.
 */
@ApplicationScoped
public class TicketClassifier {

    /** The model the last demo ticket asks for: OpenRouter (and the emulator) answer 400, so it is dead-lettered. */
    static final String MISSING_MODEL = "acme/model-that-does-not-exist";
    static final String ODD_TICKET = "Please use your premium model for this one: where is my refund?";

    /** What a run did: tickets sent, how many each output queue received, and the cost of the labelled ones. */
    public record Summary(int sent, Map<String, Integer> received, BigDecimal cost) {

        /**
         * All messages that reached an output queue, the dead-letter queue included.
         *
         * @return the count
         */
        public int out() {
            return received.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate template;

    /**
     * Sends the sample tickets and waits for them.
     *
     * @param out     where the summary is printed
     * @param timeout how long to wait for every ticket to arrive in an output queue
     * @return what arrived where
     * @throws InterruptedException when interrupted while waiting
     */
    public Summary run(PrintStream out, Duration timeout) throws InterruptedException {
        List<SedaEndpoint> queues = outputQueues();
        Map<SedaEndpoint, Integer> before = new LinkedHashMap<>();
        queues.forEach(q -> before.put(q, q.getQueue().size()));

        List<String> tickets = sampleTickets();
        for (String t : tickets) {
            template.sendBody(ClassifierRoutes.IN, t);
        }
        template.sendBodyAndHeader(ClassifierRoutes.IN, ODD_TICKET, ClassifierRoutes.MODEL_HEADER, MISSING_MODEL);
        int sent = tickets.size() + 1;
        out.printf(Locale.ROOT, "Sent %d tickets to %s%n", sent, ClassifierRoutes.IN);

        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrived(before) < sent && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Map<String, Integer> received = new LinkedHashMap<>();
        BigDecimal cost = BigDecimal.ZERO;
        for (SedaEndpoint q : queues) {
            List<Exchange> fresh = q.getExchanges().subList(before.get(q), q.getQueue().size());
            received.put(q.getName(), fresh.size());
            for (Exchange e : fresh) {
                cost = cost.add(new BigDecimal(e.getMessage().getHeader("LlmCost", "0", String.class)));
                if (q.getName().equals(queueName(ClassifierRoutes.DLQ))) {
                    out.println("  dead letter: \"" + e.getMessage().getBody(String.class) + "\" -> "
                            + e.getMessage().getHeader("FailureReason"));
                }
            }
        }
        received.forEach((q, n) -> out.printf(Locale.ROOT, "  %-22s %d%n", q, n));
        int total = received.values().stream().mapToInt(Integer::intValue).sum();
        int dead = received.get(queueName(ClassifierRoutes.DLQ));
        out.printf(Locale.ROOT, "In: %d, out: %d (%d classified, %d dead-lettered), cost $%s%n", sent, total,
                total - dead, dead, cost.toPlainString());
        return new Summary(sent, received, cost);
    }

    /** The label queues and the dead-letter queue, in label order. */
    List<SedaEndpoint> outputQueues() {
        List<SedaEndpoint> queues = new ArrayList<>();
        for (TicketLabel.Label l : TicketLabel.Label.values()) {
            queues.add(camel.getEndpoint(ClassifierRoutes.OUT_PREFIX + l.value(), SedaEndpoint.class));
        }
        queues.add(camel.getEndpoint(ClassifierRoutes.DLQ, SedaEndpoint.class));
        return queues;
    }

    private static String queueName(String uri) {
        return uri.substring("seda:".length());
    }

    private static int arrived(Map<SedaEndpoint, Integer> before) {
        int n = 0;
        for (Map.Entry<SedaEndpoint, Integer> e : before.entrySet()) {
            n += e.getKey().getQueue().size() - e.getValue();
        }
        return n;
    }

    /**
     * The tickets of {@code messages.txt}, one per line (blank lines and {@code #} comments skipped).
     *
     * @return the tickets
     */
    public static List<String> sampleTickets() {
        List<String> lines = new ArrayList<>();
        try (InputStream in = TicketClassifier.class.getResourceAsStream("/messages.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}

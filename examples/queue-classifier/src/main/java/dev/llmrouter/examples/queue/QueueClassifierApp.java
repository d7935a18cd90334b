package dev.llmrouter.examples.queue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.test.OpenRouterEmulator;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Tickets arrive on JMS queue {@code tickets.in}; four concurrent consumers classify each through
 * {@code llmrouter:} into a {@link TicketLabel} and forward the original text to {@code classified.<label>}, with the
 * label and cost as message properties. A message that fails goes, unchanged, to {@code classified.DLQ} with the
 * reason. The broker is an embedded ActiveMQ Artemis (in-VM acceptor) unless system property {@code brokerUrl}
 * (or environment variable {@code BROKER_URL}) names another one, e.g. {@code tcp://localhost:61616}.
 */
public final class QueueClassifierApp {

    static final String IN = "tickets.in";
    static final String DLQ = "classified.DLQ";
    static final String MODEL = "openai/gpt-4o-mini";
    static final String FALLBACK = "anthropic/claude-haiku-4.5";
    static final int CONSUMERS = 4;
    /** A producer may ask for a model with this JMS property; the demo's last message asks for one that does not exist. */
    static final String MODEL_PROPERTY = "LlmModel";
    static final String MISSING_MODEL = "acme/model-that-does-not-exist";
    static final long TIMEOUT_MS = 120_000;

    /** What a run did: messages sent, and how many each output queue received. */
    public record Summary(int sent, Map<String, Integer> received, BigDecimal cost) {

        public int out() {
            return received.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private QueueClassifierApp() {
    }

    public static void main(String[] args) throws Exception {
        String brokerUrl = System.getProperty("brokerUrl", System.getenv("BROKER_URL"));
        Path dataDir = Path.of(args.length > 0 ? args[0] : "target/artemis");
        Summary s = run(System.getenv("OPENROUTER_API_KEY"), brokerUrl, dataDir, System.out);
        if (s.out() != s.sent()) {
            System.exit(1);
        }
    }

    public static Summary run(String apiKey, String brokerUrl, Path dataDir, PrintStream out) throws Exception {
        OpenRouterEmulator emulator = null;
        EmbeddedActiveMQ broker = null;
        String baseUrl = "https://openrouter.ai/api/v1";
        if (apiKey == null || apiKey.isBlank()) {
            emulator = OpenRouterEmulator.create().start();
            teach(emulator);
            baseUrl = emulator.baseUrl();
            apiKey = "emulator-key";
            out.println("No OPENROUTER_API_KEY set: using the local OpenRouter emulator at " + baseUrl);
        } else {
            out.println("Calling OpenRouter at " + baseUrl);
        }
        try {
            if (brokerUrl == null || brokerUrl.isBlank()) {
                broker = embeddedBroker(dataDir);
                brokerUrl = "vm://0";
                out.println("No brokerUrl set: started an embedded ActiveMQ Artemis broker at " + brokerUrl);
            } else {
                out.println("Using the JMS broker at " + brokerUrl);
            }
            try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(brokerUrl)) {
                return classify(apiKey, baseUrl, cf, out);
            }
        } finally {
            if (broker != null) {
                broker.stop();
                // The in-VM connector runs on a static pool of non-daemon threads that idle for 60 s before they
                // end; the JVM (and exec:java) would wait for them after main returns. Nothing uses vm:// any more.
                InVMConnector.resetThreadPool();
            }
            if (emulator != null) {
                emulator.stop();
            }
        }
    }

    /** Emulator mode only: what the emulated models answer, by keyword (first match wins, "" matches all). */
    static void teach(OpenRouterEmulator emulator) {
        Map<String, String> keywords = new LinkedHashMap<>();
        for (String k : List.of("invoice", "charged", "Rechnung")) {
            keywords.put(k, "billing");
        }
        for (String k : List.of("parcel", "delivery", "Pedido")) {
            keywords.put(k, "shipping");
        }
        for (String k : List.of("password", "admin")) {
            keywords.put(k, "account");
        }
        for (String k : List.of("crashes", "502", "export")) {
            keywords.put(k, "technical");
        }
        keywords.forEach((k, label) -> emulator.replyJson(k, "{\"label\":\"" + label + "\"}"));
        emulator.replyJson("", "{\"label\":\"other\"}");
    }

    static EmbeddedActiveMQ embeddedBroker(Path dataDir) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .addAcceptorConfiguration("in-vm", "vm://0");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
        return broker;
    }

    static Summary classify(String apiKey, String baseUrl, ConnectionFactory cf, PrintStream out) throws Exception {
        List<String> labels = new ArrayList<>();
        for (TicketLabel.Label l : TicketLabel.Label.values()) {
            labels.add("classified." + l.value());
        }
        labels.add(DLQ);
        List<String> tickets = sampleMessages();
        int sent = tickets.size() + 1;
        List<BigDecimal> costs = java.util.Collections.synchronizedList(new ArrayList<>());

        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("jms", JmsComponent.jmsComponentAutoAcknowledge(cf));
            LlmRouterComponent llm = new LlmRouterComponent();
            llm.getConfiguration().setBaseUrl(baseUrl);
            llm.getConfiguration().setApiKey(apiKey);
            camel.addComponent("llmrouter", llm);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // a failed message goes, as it arrived, to the dead-letter queue, with the reason as a property
                    errorHandler(deadLetterChannel("jms:queue:" + DLQ).useOriginalMessage().maximumRedeliveries(0)
                            .onPrepareFailure(e -> {
                                Exception cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                                e.getMessage().setHeader("FailureReason", cause == null ? "unknown"
                                        : cause.getClass().getSimpleName() + ": " + cause.getMessage());
                            }));

                    from("jms:queue:" + IN + "?concurrentConsumers=" + CONSUMERS)
                            .routeId("classify-queue")
                            .setProperty("ticket", body())
                            // a producer that names a model gets exactly that model, without fallbacks
                            .choice().when(header(MODEL_PROPERTY).isNotNull())
                                .setHeader(LlmRouterConstants.MODEL, header(MODEL_PROPERTY))
                                .setHeader(LlmRouterConstants.FALLBACK_MODELS, constant(""))
                            .end()
                            .to("llmrouter:chat?model=" + MODEL + "&fallbackModels=" + FALLBACK
                                + "&outputClass=" + TicketLabel.class.getName()
                                + "&maxTokens=20&temperature=0&sort=price"
                                + "&systemPrompt=Label the support ticket: billing, shipping, account, technical"
                                + " or other.&appTitle=camel-llmrouter queue-classifier example")
                            .process(e -> {
                                TicketLabel answer = e.getMessage().getBody(TicketLabel.class);
                                BigDecimal cost = e.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.ZERO,
                                        BigDecimal.class);
                                costs.add(cost);
                                e.getMessage().setHeader("TicketLabel", answer.label().value());
                                e.getMessage().setHeader("LlmCost", cost.toPlainString());
                                e.getMessage().setHeader("LlmServedBy",
                                        e.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
                                e.getMessage().setBody(e.getProperty("ticket", String.class));
                            })
                            .log("${header.TicketLabel}: ${body} (${header.LlmServedBy}, $${header.LlmCost})")
                            .toD("jms:queue:classified.${header.TicketLabel}");
                }
            });
            camel.start();

            Map<String, Integer> before = depths(cf, labels);
            send(cf, tickets);
            out.printf(Locale.ROOT, "Sent %d messages to %s; %d consumers classify them%n", sent, IN, CONSUMERS);

            Map<String, Integer> received = delta(before, depths(cf, labels));
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (sum(received) < sent && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                received = delta(before, depths(cf, labels));
            }
            BigDecimal cost = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            received.forEach((q, n) -> out.printf(Locale.ROOT, "  %-22s %d%n", q, n));
            for (String reason : dlqReasons(cf)) {
                out.println("  dead letter: " + reason);
            }
            out.printf(Locale.ROOT, "In: %d, out: %d (%d classified, %d dead-lettered), cost $%s%n", sent,
                    sum(received), sum(received) - received.get(DLQ), received.get(DLQ), cost.toPlainString());
            return new Summary(sent, received, cost);
        }
    }

    static List<String> sampleMessages() throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = QueueClassifierApp.class.getResourceAsStream("/messages.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** Sends the tickets, then one that asks for a model that does not exist (a 400, so it is dead-lettered). */
    private static void send(ConnectionFactory cf, List<String> tickets) throws JMSException {
        try (Connection c = cf.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = s.createProducer(s.createQueue(IN));
            for (String t : tickets) {
                producer.send(s.createTextMessage(t));
            }
            TextMessage odd = s.createTextMessage("Please use your premium model for this one: where is my refund?");
            odd.setStringProperty(MODEL_PROPERTY, MISSING_MODEL);
            producer.send(odd);
        }
    }

    /** How many messages each queue holds, by browsing (nothing is consumed). */
    private static Map<String, Integer> depths(ConnectionFactory cf, List<String> queues) throws JMSException {
        Map<String, Integer> depths = new LinkedHashMap<>();
        try (Connection c = cf.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            for (String q : queues) {
                int n = 0;
                try (QueueBrowser browser = s.createBrowser(s.createQueue(q))) {
                    for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                        n++;
                    }
                }
                depths.put(q, n);
            }
        }
        return depths;
    }

    private static List<String> dlqReasons(ConnectionFactory cf) throws JMSException {
        List<String> reasons = new ArrayList<>();
        try (Connection c = cf.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            try (QueueBrowser browser = s.createBrowser(s.createQueue(DLQ))) {
                for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                    TextMessage m = (TextMessage) e.nextElement();
                    reasons.add("\"" + m.getText() + "\" -> " + m.getStringProperty("FailureReason"));
                }
            }
        }
        return reasons;
    }

    private static Map<String, Integer> delta(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Integer> d = new LinkedHashMap<>();
        after.forEach((q, n) -> d.put(q, n - before.getOrDefault(q, 0)));
        return d;
    }

    private static int sum(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).sum();
    }
}

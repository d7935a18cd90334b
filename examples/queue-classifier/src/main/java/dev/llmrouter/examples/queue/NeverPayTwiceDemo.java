package dev.llmrouter.examples.queue;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.llmrouter.camel.LlmRouterBudget;
import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.test.OpenRouterEmulator;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Never pay twice, shown with a crash and a restart. The tickets of {@code messages.txt} go to a transacted JMS
 * route whose llmrouter step has {@code idempotencyKey=${header.JMSMessageID}}, on an answer store and a daily budget
 * kept in an H2 database file. The first run "crashes" on every third ticket after the model answered and before the
 * commit, and is then stopped; the broker keeps those tickets and delivers them again, after a delay, to a second
 * run that starts from scratch on the same database file. The report proves that the model was called once per
 * ticket, that the redelivered tickets were answered from the store, and that the budget booked each ticket once.
 */
public final class NeverPayTwiceDemo {

    static final String IN = "tickets.once";
    static final String OUT = "tickets.once.done";
    static final long REDELIVERY_DELAY_MS = 5000;

    /** What the two runs did. */
    public record Report(int tickets, int modelCalls, int crashed, int replayed, BigDecimal paid, BigDecimal saved,
                         BigDecimal booked, int committed) {
    }

    private NeverPayTwiceDemo() {
    }

    public static void main(String[] args) throws Exception {
        Report r = run(Path.of(args.length > 0 ? args[0] : "target/never-pay-twice"), System.out);
        if (r.modelCalls() != r.tickets() || r.committed() != r.tickets()) {
            System.exit(1);
        }
    }

    public static Report run(Path dataDir, PrintStream out) throws Exception {
        deleteTree(dataDir);
        Files.createDirectories(dataDir);
        String jdbcUrl = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("llmrouter") + ";DB_CLOSE_DELAY=0";
        List<String> tickets = QueueClassifierApp.sampleMessages();
        OpenRouterEmulator emulator = OpenRouterEmulator.create().start();
        QueueClassifierApp.teach(emulator);
        EmbeddedActiveMQ broker = QueueClassifierApp.embeddedBroker(dataDir.resolve("artemis"));
        // a rolled-back ticket waits in the broker before it is delivered again (long enough for the "crash")
        broker.getActiveMQServer().getAddressSettingsRepository().addMatch(IN, new AddressSettings()
                .setRedeliveryDelay(REDELIVERY_DELAY_MS).setMaxDeliveryAttempts(-1));
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://0")) {
            out.printf(Locale.ROOT, "Never pay twice: %d tickets, answer store and budget in %s%n", tickets.size(),
                    jdbcUrl);
            send(cf, tickets);

            int crashing = tickets.size() / 3; // every third ticket: i % 3 == 2
            Tally first = new Tally();
            try (CamelContext run1 = start(cf, emulator.baseUrl(), jdbcUrl, first, true)) {
                waitFor(() -> first.crashed.get() == crashing
                              && first.committed.get() - first.replayed.get() == tickets.size() - crashing,
                        "the first run");
            }
            out.printf(Locale.ROOT, "Run 1: %d model calls, paid $%s; %d tickets committed (%d of them redelivered"
                    + " already and answered from the store), %d crashed after the answer and before the commit;"
                    + " the process stops%n", emulator.chatRequests().size(), first.paid().toPlainString(),
                    first.committed.get(), first.replayed.get(), first.crashed.get());

            Tally second = new Tally();
            int callsBefore = emulator.chatRequests().size();
            BigDecimal booked;
            try (CamelContext run2 = start(cf, emulator.baseUrl(), jdbcUrl, second, false)) {
                waitFor(() -> first.committed.get() + second.committed.get() >= tickets.size(),
                        "the redelivered tickets");
                LlmRouterComponent llm = run2.getComponent("llmrouter", LlmRouterComponent.class);
                booked = llm.ledger().snapshot().stream().filter(r -> r.budget().equals("daily"))
                        .map(LedgerRow::spent).reduce(BigDecimal.ZERO, BigDecimal::add);
                out.printf(Locale.ROOT, "Run 2 (restarted on the same database): %d redelivered tickets, %d"
                        + " answered from the store, %d model calls, saved $%s%n", second.committed.get(),
                        second.replayed.get(), emulator.chatRequests().size() - callsBefore,
                        second.saved().toPlainString());
            }
            Report report = new Report(tickets.size(), emulator.chatRequests().size(), first.crashed.get(),
                    first.replayed.get() + second.replayed.get(), first.paid().add(second.paid()),
                    first.saved().add(second.saved()), booked,
                    first.committed.get() + second.committed.get());
            out.printf(Locale.ROOT, "Cost report: %d tickets, %d model calls, paid $%s, booked on the budget $%s,"
                    + " saved by replays $%s: %s%n", report.tickets(), report.modelCalls(),
                    report.paid().toPlainString(), booked.toPlainString(), report.saved().toPlainString(),
                    report.modelCalls() == report.tickets() && report.paid().compareTo(booked) == 0
                            ? "nothing was paid twice" : "SOMETHING WAS PAID TWICE");
            return report;
        } finally {
            broker.stop();
            InVMConnector.resetThreadPool();
            emulator.stop();
        }
    }

    /** What one run saw after its llmrouter step. */
    private static final class Tally {
        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger crashed = new AtomicInteger();
        final AtomicInteger replayed = new AtomicInteger();
        final List<BigDecimal> paid = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<BigDecimal> saved = new java.util.concurrent.CopyOnWriteArrayList<>();

        BigDecimal paid() {
            return paid.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal saved() {
            return saved.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** One "process": a CamelContext with its own llmrouter component on the shared database file. */
    private static CamelContext start(ConnectionFactory cf, String baseUrl, String jdbcUrl, Tally tally,
                                      boolean crashing) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("jms", JmsComponent.jmsComponentTransacted(cf));
        JdbcDataSource db = new JdbcDataSource();
        db.setURL(jdbcUrl);
        db.setUser("sa");
        LlmRouterComponent llm = new LlmRouterComponent();
        llm.setEnvironment(name -> null);
        llm.setLedgerDataSource(db);
        llm.addBudget("daily", new LlmRouterBudget(new BigDecimal("5"), "daily"));
        camel.addComponent("llmrouter", llm);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the "crash" is expected: the broker takes the ticket back, no stack trace needed
                errorHandler(defaultErrorHandler().logExhausted(false));
                from("jms:queue:" + IN + "?transacted=true").routeId("classify-once")
                        .to("llmrouter:chat?apiKey=emulator-key&baseUrl=" + baseUrl + "&model="
                            + QueueClassifierApp.MODEL + "&outputClass=" + TicketLabel.class.getName()
                            + "&maxTokens=20&budget=daily&idempotencyKey=RAW(${header.JMSMessageID})")
                        .process(e -> {
                            BigDecimal cost = e.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.ZERO,
                                    BigDecimal.class);
                            boolean replayed = e.getMessage().getHeader(LlmRouterConstants.REPLAYED, false,
                                    Boolean.class);
                            (replayed ? tally.saved : tally.paid).add(cost);
                            if (crashing && e.getMessage().getHeader("crash", false, Boolean.class)
                                && !e.getMessage().getHeader("JMSRedelivered", false, Boolean.class)) {
                                tally.crashed.incrementAndGet();
                                throw new IllegalStateException("the process died before the commit");
                            }
                            if (replayed) {
                                tally.replayed.incrementAndGet();
                            }
                        })
                        .to("jms:queue:" + OUT)
                        .process(e -> tally.committed.incrementAndGet());
            }
        });
        camel.start();
        return camel;
    }

    /** Sends the tickets; every third one is marked to crash the first run. */
    private static void send(ConnectionFactory cf, List<String> tickets) throws Exception {
        try (Connection c = cf.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = s.createProducer(s.createQueue(IN));
            for (int i = 0; i < tickets.size(); i++) {
                TextMessage m = s.createTextMessage(tickets.get(i));
                m.setBooleanProperty("crash", i % 3 == 2);
                producer.send(m);
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("Timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

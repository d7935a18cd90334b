package dev.llmrouter.examples.quarkus;

import java.time.Duration;

import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the demo of {@link TicketClassifier} once Camel has started (Camel Quarkus fires {@link AfterStart}), then
 * stops the application with exit code 0 when every ticket reached an output queue, 1 otherwise. Off when
 * {@code classifier.demo=false} (the test profile turns it off and drives the routes itself).
 */
@ApplicationScoped
public class DemoRunner {

    private static final Logger LOG = Logger.getLogger(DemoRunner.class);

    @ConfigProperty(name = "classifier.demo", defaultValue = "true")
    boolean demo;

    @Inject
    TicketClassifier classifier;

    void onCamelStarted(@Observes AfterStart event) {
        if (!demo) {
            return;
        }
        // not on the thread that starts Camel: that one returns and Camel Quarkus waits for the exit
        Thread runner = new Thread(() -> {
            int exitCode = 1;
            try {
                TicketClassifier.Summary s = classifier.run(System.out, Duration.ofMinutes(2));
                exitCode = s.out() == s.sent() ? 0 : 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("The demo failed", e);
            }
            Quarkus.asyncExit(exitCode);
        }, "ticket-demo");
        runner.start();
    }
}

package dev.llmrouter.camel;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.RecordedCall;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API key never shows in a log line (Camel and the component at DEBUG), an exception message or the endpoint's
 * printed URI; headers already on the exchange never reach the outgoing request.
 */
class SecretsTest extends EmulatorTestSupport {


    private final List<String> logged = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;
    @BeforeEach
    void captureLogs() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append('\n').append(trace);
                }
                logged.add(line.toString());
            }
        };
        appender.start();
        ctx.getConfiguration().addAppender(appender);
        ctx.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        Configurator.setLevel("org.apache.camel", Level.DEBUG);
        Configurator.setLevel("dev.llmrouter", Level.TRACE);
        ctx.updateLoggers();
    }

    @AfterEach
    void restoreLogging() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender("capture");
        Configurator.setLevel("org.apache.camel", Level.WARN);
        Configurator.setLevel("dev.llmrouter", Level.WARN);
        ctx.updateLoggers();
        appender.stop();
    }

    @Test
    void theKeyIsInNoLogLineExceptionOrPrintedUri() {
        String uri = "llmrouter:chat?model=openai/gpt-4o-mini&apiKey=" + CamelHarness.API_KEY + "&baseUrl="
                     + EMULATOR.baseUrl();
        useHarness(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").routeId("ask").to(uri);
            }
        }, EMULATOR.baseUrl());
        EMULATOR.emulator().fault("openai/gpt-4o-mini", EmulatorFault.status(401).message("Invalid key").times(1));
        Exchange failed = camel.template.send("direct:ask", e -> e.getMessage().setBody("Hi"));
        assertNotNull(failed.getException());
        Exchange ok = camel.template.send("direct:ask", e -> e.getMessage().setBody("Hi"));
        assertNull(ok.getException());

        Endpoint endpoint = camel.context.getEndpoints().stream()
                .filter(e -> e instanceof LlmRouterEndpoint).findFirst().orElseThrow();
        assertFalse(endpoint.toString().contains(CamelHarness.API_KEY), endpoint.toString());
        StringWriter trace = new StringWriter();
        failed.getException().printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(CamelHarness.API_KEY), trace.toString());

        assertFalse(logged.isEmpty(), "DEBUG logging produced lines");
        assertTrue(logged.stream().anyMatch(l -> l.contains("llmrouter")), "the endpoint was logged");
        for (String line : logged) {
            assertFalse(line.contains(CamelHarness.API_KEY), line);
        }
        // the key did reach the server, only there
        assertEquals("Bearer " + CamelHarness.API_KEY, EMULATOR.emulator().lastRequest().header("Authorization"));
    }

    @Test
    void aKeyEchoedByTheServerIsInNoLogLineUsageEventOrErrorHandlerOutput() {
        List<dev.llmrouter.camel.usage.CallEvent> events = new CopyOnWriteArrayList<>();
        String uri = "llmrouter:chat?model=openai/gpt-4o-mini&maxRetries=0&apiKey=" + CamelHarness.API_KEY
                     + "&baseUrl=" + EMULATOR.baseUrl();
        useHarness(c -> c.addCallObserver(events::add), new RouteBuilder() {
            @Override
            public void configure() {
                // the default error handler logs the exhausted exception with its stack trace
                from("direct:ask").routeId("ask").to(uri);
            }
        }, EMULATOR.baseUrl());
        EMULATOR.emulator().fault("openai/gpt-4o-mini", EmulatorFault.status(400)
                .message("Bad header Authorization: Bearer " + CamelHarness.API_KEY)
                .metadata(Map.of("raw", "{\"authorization\":\"" + CamelHarness.API_KEY + "\"}")));

        Exchange failed = camel.template.send("direct:ask", e -> e.getMessage().setBody("Hi"));

        assertNotNull(failed.getException());
        StringWriter trace = new StringWriter();
        failed.getException().printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(CamelHarness.API_KEY), trace.toString());
        assertTrue(trace.toString().contains("Bearer [REDACTED]"), trace.toString());
        assertEquals(1, events.size());
        assertFalse(events.get(0).toString().contains(CamelHarness.API_KEY), events.get(0).toString());
        assertFalse(String.valueOf(failed.getMessage().getHeaders()).contains(CamelHarness.API_KEY));
        assertTrue(logged.stream().anyMatch(l -> l.contains("[REDACTED]")), "the failure was logged");
        for (String line : logged) {
            assertFalse(line.contains(CamelHarness.API_KEY), line);
        }
    }

    @Test
    void exchangeHeadersNeverReachTheRequest() {
        camel.send(camel.chat("model=openai/gpt-4o-mini"), "Hi", Map.of(
                "Authorization", "Bearer stolen-from-http-consumer",
                "JMSCorrelationID", "corr-1",
                "JMSReplyTo", "queue://replies",
                "X-Api-Key", "another-secret",
                "Cookie", "session=abc",
                "CamelHttpUri", "http://elsewhere.invalid/x",
                "HTTP-Referer", "https://spoofed.example"));
        RecordedCall call = EMULATOR.emulator().lastRequest();
        assertEquals("Bearer " + CamelHarness.API_KEY, call.header("Authorization"));
        assertEquals(1, call.headerValues("Authorization").size());
        for (String name : new String[] { "JMSCorrelationID", "JMSReplyTo", "X-Api-Key", "Cookie", "CamelHttpUri",
                                          "HTTP-Referer" }) {
            assertNull(call.header(name), name + " leaked");
        }
        assertEquals("/api/v1/chat/completions", call.path());
        assertFalse(call.body().contains("stolen") || call.body().contains("corr-1"), call.body());
    }
}

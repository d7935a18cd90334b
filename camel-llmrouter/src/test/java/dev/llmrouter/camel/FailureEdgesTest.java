package dev.llmrouter.camel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.error.ModelNotAllowedException;
import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures at the edges: statuses outside the retry list, requests the lists cannot vouch for, bad component options. */
class FailureEdgesTest extends EmulatorTestSupport {

    private OpenRouterEmulator backup;

    @AfterEach
    void stopBackup() {
        if (backup != null) {
            backup.close();
        }
    }

    @Test
    void a504IsNotRetriedButMovesOnToTheNextTarget() {
        backup = OpenRouterEmulator.create().start();
        backup.reply("Hi", "from the backup");
        EMULATOR.emulator().fault("openai/gpt-4o-mini", EmulatorFault.status(504).message("Gateway Timeout"));
        useHarness(c -> {
            LlmRouterTarget t = new LlmRouterTarget();
            t.setBaseUrl(backup.baseUrl());
            t.setDialect(LlmRouterDialect.openrouter);
            t.setApiKey("sk-backup-1");
            c.addTarget("backup", t);
        }, null, EMULATOR.baseUrl());

        Exchange ex = camel.send(camel.chat("model=openai/gpt-4o-mini&targets=openrouter,backup&maxRetries=2"), "Hi");

        assertNull(ex.getException());
        assertEquals("from the backup", ex.getMessage().getBody());
        @SuppressWarnings("unchecked")
        List<Attempt> attempts = ex.getMessage().getHeader(LlmRouterConstants.ATTEMPTS, List.class);
        assertEquals(List.of(504, 200), attempts.stream().map(Attempt::status).toList());
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "no retry of a 504 at the same target");
    }

    @Test
    void anAllowListRefusesARequestThatNamesNoModel() {
        Exchange ex = camel.send(camel.chat("allowedModels=openai/*"), "Hi");

        ModelNotAllowedException e = assertInstanceOf(ModelNotAllowedException.class, ex.getException());
        assertTrue(e.getMessage().contains("allowedModels"), e.getMessage());
        assertEquals(0, EMULATOR.emulator().chatRequests().size());
        assertEquals("Hi", ex.getMessage().getBody());
    }

    @Test
    void anAnswerThatCannotBecomeTheBodyIsBookedAsAnError() {
        EMULATOR.emulator().reply("Hi", "this is not JSON");
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        useHarness(c -> c.addCallObserver(events::add), null, EMULATOR.baseUrl());

        Exchange ex = camel.send(camel.chat("model=openai/gpt-4o-mini&outputClass="
                                            + StructuredOutputTest.class.getName() + "$Ticket"), "Hi");

        MalformedResponseException e = assertInstanceOf(MalformedResponseException.class, ex.getException());
        assertTrue(e.getCost().signum() > 0, "the served call's cost is on the exception");
        assertEquals("Hi", ex.getMessage().getBody());
        assertEquals(1, events.size());
        assertEquals("error", events.get(0).usage().outcome());
        assertEquals("MalformedResponseException", events.get(0).errorType());
        assertTrue(events.get(0).usage().cost().signum() > 0);
    }

    @Test
    void aComponentOptionOutOfRangeFailsTheStartNamingIt() {
        LlmRouterComponent component = new LlmRouterComponent();
        component.setCamelContext(camel.context);
        component.setProxyPort(70000);
        Exception e = assertThrows(Exception.class, component::start);
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof IllegalArgumentException)) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("proxyPort"), root.getMessage());
    }
}

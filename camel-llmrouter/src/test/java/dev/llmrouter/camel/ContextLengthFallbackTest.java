package dev.llmrouter.camel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.ContextLengthExceededException;
import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.llmrouter.camel.ResilienceFixtures.CHEAP;
import static dev.llmrouter.camel.ResilienceFixtures.MINI;
import static dev.llmrouter.camel.ResilienceFixtures.STRONG;
import static dev.llmrouter.camel.ResilienceFixtures.attempts;
import static dev.llmrouter.camel.ResilienceFixtures.outcomes;
import static dev.llmrouter.camel.ResilienceFixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 400 {@code context_length_exceeded} is never sent again unchanged to the same model: with {@code contextLength}
 * in {@code fallbackOn} (the default) the call moves to the next escalation model whose catalog window fits the
 * estimate, else fails with {@link ContextLengthExceededException}.
 */
class ContextLengthFallbackTest extends EmulatorTestSupport {

    /** About 3,000 words: well over a 1,000-token window, well under 200,000. */
    private static final String LONG_PROMPT = "the quick brown fox jumps over the lazy dog ".repeat(350);

    @TempDir
    Path dir;

    private OpenRouterEmulator local;

    @AfterEach
    void stopLocal() {
        if (local != null) {
            local.stop();
        }
    }

    /** Windows: MINI 8,192, CHEAP 1,000, STRONG 200,000 tokens. */
    private String catalog() throws Exception {
        String json = "{\"data\":["
                      + model(MINI, 8192) + "," + model(CHEAP, 1000) + "," + model(STRONG, 200000) + "]}";
        Path file = dir.resolve("windows.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return "file:" + file.toAbsolutePath();
    }

    private static String model(String id, int window) {
        return "{\"id\":\"" + id + "\",\"context_length\":" + window
               + ",\"pricing\":{\"prompt\":\"0.000001\",\"completion\":\"0.000002\"}}";
    }

    private static void tooLong(OpenRouterEmulator emulator) {
        emulator.fault(MINI, EmulatorFault.status(400).errorType("context_length_exceeded")
                .message("This endpoint's maximum context length is 8192 tokens. However, you requested about"
                         + " 9000 tokens."));
    }

    private static long calls(OpenRouterEmulator emulator, String model) {
        return emulator.chatRequests().stream().filter(c -> model.equals(c.json().path("model").asText())).count();
    }

    @Test
    void movesToTheNextModelWhoseWindowFitsSkippingTheSameModelElsewhereAndSmallWindows() throws Exception {
        local = OpenRouterEmulator.create().start();
        tooLong(EMULATOR.emulator());
        tooLong(local);
        useHarness(c -> c.addTarget("local", target(local.baseUrl(), "openrouter", "sk-local")), null,
                EMULATOR.baseUrl());
        EMULATOR.emulator().reply("", "fits");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&targets=openrouter,local&escalateModels=" + CHEAP + ","
                                            + STRONG + "&pricingCatalog=" + catalog()), LONG_PROMPT);

        assertNull(ex.getException());
        assertEquals("fits", ex.getMessage().getBody());
        assertEquals(STRONG, ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SKIPPED, Attempt.Outcome.SUCCESS),
                outcomes(attempts));
        assertEquals(400, attempts.get(0).status());
        assertEquals(CHEAP, attempts.get(1).model());
        assertTrue(attempts.get(1).detail().startsWith("context window of 1000 tokens is smaller than the estimated"),
                attempts.get(1).detail());
        assertEquals(1, calls(EMULATOR.emulator(), MINI), "not resent to the same model (maxRetries=2 by default)");
        assertEquals(0, local.chatRequests().size(), "the same model on another target has the same window");
        assertEquals(0, calls(EMULATOR.emulator(), CHEAP), "the small window was not tried");
        assertEquals(1, calls(EMULATOR.emulator(), STRONG));
    }

    @Test
    void failsWithContextLengthExceededWhenNoModelFits() throws Exception {
        tooLong(EMULATOR.emulator());

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&escalateModels=" + CHEAP + "&pricingCatalog="
                                            + catalog()), LONG_PROMPT);

        ContextLengthExceededException e = assertInstanceOf(ContextLengthExceededException.class, ex.getException());
        assertTrue(e.getMessage().contains("maximum context length is 8192"), e.getMessage());
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SKIPPED), outcomes(e.getAttempts()));
        assertEquals(1, EMULATOR.emulator().chatRequests().size());
        assertEquals(LONG_PROMPT, ex.getMessage().getBody());
    }

    @Test
    void aModelWhoseWindowIsUnknownIsTriedByDefault() {
        tooLong(EMULATOR.emulator());
        EMULATOR.emulator().reply("", "bigger window");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&escalateModels=" + CHEAP), LONG_PROMPT);

        assertNull(ex.getException());
        assertEquals("bigger window", ex.getMessage().getBody());
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCESS), outcomes(attempts(ex)));
        assertEquals(1, calls(EMULATOR.emulator(), MINI));
        assertEquals(1, calls(EMULATOR.emulator(), CHEAP));
    }

    @Test
    void withoutContextLengthInFallbackOnTheCallEndsAtOnce() {
        tooLong(EMULATOR.emulator());

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&escalateModels=" + CHEAP + "&fallbackOn=noProvider"),
                LONG_PROMPT);

        assertInstanceOf(ContextLengthExceededException.class, ex.getException());
        assertEquals(1, EMULATOR.emulator().chatRequests().size());
        assertEquals(0, calls(EMULATOR.emulator(), CHEAP));
    }
}

package dev.llmrouter.camel;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.llmrouter.camel.error.BadRequestException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.camel.observability.GenAiMeters;
import dev.llmrouter.camel.observability.MicrometerObserver;
import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.OpenRouterEmulator;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.ResilienceFixtures.CHEAP;
import static dev.llmrouter.camel.ResilienceFixtures.MINI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenTelemetry GenAI client instruments, recorded through Micrometer for calls against the emulator. */
class GenAiMetricsTest extends EmulatorTestSupport {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected CamelHarness createHarness() {
        return new CamelHarness(EMULATOR.baseUrl(), null, null, beans -> beans.bind("meters", meters));
    }

    private static Set<String> tagKeys(Meter meter) {
        return meter.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
    }

    @Test
    void chatRecordsInputAndOutputTokensAsTheHeadersCarryThemAndItsDuration() {
        Exchange ex = camel.send(camel.chat("model=" + MINI), "Classify: my invoice is wrong");
        assertNull(ex.getException());
        Integer prompt = ex.getMessage().getHeader(LlmRouterConstants.PROMPT_TOKENS, Integer.class);
        Integer completion = ex.getMessage().getHeader(LlmRouterConstants.COMPLETION_TOKENS, Integer.class);
        String served = ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL, String.class);
        assertNotNull(prompt);
        assertNotNull(completion);
        assertNotNull(served);
        assertTrue(prompt > 0 && completion > 0, prompt + " / " + completion);

        DistributionSummary input = meters.get(GenAiMeters.TOKEN_USAGE).tag(GenAiMeters.TOKEN_TYPE, "input")
                .tag(GenAiMeters.OPERATION_NAME, "chat").tag(GenAiMeters.PROVIDER_NAME, "openrouter")
                .tag(GenAiMeters.REQUEST_MODEL, MINI).tag(GenAiMeters.RESPONSE_MODEL, served).summary();
        DistributionSummary output = meters.get(GenAiMeters.TOKEN_USAGE).tag(GenAiMeters.TOKEN_TYPE, "output")
                .summary();
        assertEquals(1, input.count());
        assertEquals(prompt, input.totalAmount(), 0.0);
        assertEquals(1, output.count());
        assertEquals(completion, output.totalAmount(), 0.0);
        assertEquals("{token}", input.getId().getBaseUnit());
        assertEquals(Set.of(GenAiMeters.TOKEN_TYPE, GenAiMeters.OPERATION_NAME, GenAiMeters.PROVIDER_NAME,
                GenAiMeters.REQUEST_MODEL, GenAiMeters.RESPONSE_MODEL), tagKeys(input), "no error.type on success");
        // the advised buckets: the prompt's count falls in exactly the buckets at or above it
        for (CountAtBucket b : input.takeSnapshot().histogramCounts()) {
            assertEquals(b.bucket() >= prompt ? 1 : 0, b.count(), 0.0, "bucket " + b.bucket());
        }
        assertEquals(14, input.takeSnapshot().histogramCounts().length);

        Timer duration = meters.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.OPERATION_NAME, "chat")
                .tag(GenAiMeters.PROVIDER_NAME, "openrouter").tag(GenAiMeters.REQUEST_MODEL, MINI)
                .tag(GenAiMeters.RESPONSE_MODEL, served).timer();
        assertEquals(1, duration.count());
        assertTrue(duration.totalTime(TimeUnit.MILLISECONDS) >= 0);
        assertEquals(Set.of(GenAiMeters.OPERATION_NAME, GenAiMeters.PROVIDER_NAME, GenAiMeters.REQUEST_MODEL,
                GenAiMeters.RESPONSE_MODEL), tagKeys(duration));
        assertEquals(14, duration.takeSnapshot().histogramCounts().length);
        // the llmrouter meters are still there, cost among them
        assertEquals(1, meters.get(MicrometerObserver.REQUESTS).counter().count());

        // a second call of the same combination records into the same series
        Exchange again = camel.send(camel.chat("model=" + MINI), "Classify: the parcel never came");
        assertEquals(2, input.count());
        assertEquals(prompt + again.getMessage().getHeader(LlmRouterConstants.PROMPT_TOKENS, Integer.class),
                input.totalAmount(), 0.0);
        assertEquals(2, duration.count());
    }

    @Test
    void failedCallAfterRetriesRecordsItsDurationWithErrorTypeAndNoTokens() {
        EMULATOR.emulator().fault(MINI, EmulatorFault.status(503));

        Exchange ex = camel.send(camel.chat("maxRetries=1&retryDelay=1&model=" + MINI), "Hi");

        assertInstanceOf(UpstreamException.class, ex.getException());
        assertEquals(2, EMULATOR.emulator().requestCount(), "one try and one retry");
        Timer duration = meters.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.OPERATION_NAME, "chat")
                .tag(GenAiMeters.PROVIDER_NAME, "openrouter").tag(GenAiMeters.REQUEST_MODEL, MINI)
                .tag(GenAiMeters.ERROR_TYPE, "UpstreamException").timer();
        assertEquals(1, duration.count());
        assertEquals(Set.of(GenAiMeters.OPERATION_NAME, GenAiMeters.PROVIDER_NAME, GenAiMeters.REQUEST_MODEL,
                GenAiMeters.ERROR_TYPE), tagKeys(duration), "no response model: nothing answered");
        assertNull(meters.find(GenAiMeters.TOKEN_USAGE).summary(), "no tokens were used");
    }

    @Test
    void badRequestIsTaggedWithItsExceptionAndSuccessesKeepTheirOwnSeries() {
        EMULATOR.emulator().fault(MINI, EmulatorFault.status(400));

        Exchange failed = camel.send(camel.chat("model=" + MINI), "Hi");
        Exchange ok = camel.send(camel.chat("model=" + CHEAP), "Hi");

        assertInstanceOf(BadRequestException.class, failed.getException());
        assertNull(ok.getException());
        assertEquals(1, meters.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.REQUEST_MODEL, MINI)
                .tag(GenAiMeters.ERROR_TYPE, "BadRequestException").timer().count());
        Timer success = meters.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.REQUEST_MODEL, CHEAP).timer();
        assertEquals(1, success.count());
        assertNull(success.getId().getTag(GenAiMeters.ERROR_TYPE));
        assertEquals(2, meters.find(GenAiMeters.OPERATION_DURATION).timers().size());
    }

    @Test
    void anOpenAiCompatibleTargetIsNamedByItsDialect() {
        Exchange ex = camel.send(camel.chat("dialect=openai&model=" + MINI), "Hi");

        assertNull(ex.getException());
        assertEquals(1, meters.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.PROVIDER_NAME, "openai")
                .timer().count());
        assertEquals(1, meters.get(GenAiMeters.TOKEN_USAGE).tag(GenAiMeters.PROVIDER_NAME, "openai")
                .tag(GenAiMeters.TOKEN_TYPE, "input").summary().count());
        assertNull(meters.find(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.PROVIDER_NAME, "openrouter").timer());
    }

    @Test
    void theProviderIsTheDialectOfTheTargetThatServedOrWasTriedLast() {
        OpenRouterEmulator local = OpenRouterEmulator.create().start();
        try {
            camel.close();
            camel = new CamelHarness(EMULATOR.baseUrl(),
                    c -> c.addTarget("local", ResilienceFixtures.target(local.baseUrl(), "openai", "sk-local")), null,
                    beans -> beans.bind("meters", meters));
            EMULATOR.emulator().fault("*", EmulatorFault.status(503));
            String uri = camel.chat("targets=openrouter,local&maxRetries=0&model=" + MINI);

            Exchange served = camel.send(uri, "Hello");
            assertNull(served.getException());
            assertEquals("local", served.getMessage().getHeader(LlmRouterConstants.TARGET));
            assertEquals(1, meters.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.PROVIDER_NAME, "openai")
                    .timer().count());

            local.fault("*", EmulatorFault.status(503));
            Exchange failed = camel.send(uri, "Hello");
            assertInstanceOf(UpstreamException.class, failed.getException());
            assertEquals(1, meters.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.PROVIDER_NAME, "openai")
                    .tag(GenAiMeters.ERROR_TYPE, "UpstreamException").timer().count(), "the last target tried");
            assertNull(meters.find(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.PROVIDER_NAME, "openrouter")
                    .timer(), "openrouter answered neither call");
        } finally {
            local.stop();
        }
    }

    @Test
    void embeddingsCallsRecordInputTokensOnlyAndFailuresTheirErrorType() {
        String embed = "openai/text-embedding-3-small";
        Exchange ex = camel.send(camel.endpoint("embeddings", "model=" + embed), List.of("refund", "invoice"));
        assertNull(ex.getException());
        Integer prompt = ex.getMessage().getHeader(LlmRouterConstants.PROMPT_TOKENS, Integer.class);
        assertNotNull(prompt);

        DistributionSummary input = meters.get(GenAiMeters.TOKEN_USAGE).tag(GenAiMeters.OPERATION_NAME, "embeddings")
                .tag(GenAiMeters.TOKEN_TYPE, "input").tag(GenAiMeters.REQUEST_MODEL, embed)
                .tag(GenAiMeters.PROVIDER_NAME, "openrouter").summary();
        assertEquals(1, input.count());
        assertEquals(prompt, input.totalAmount(), 0.0);
        assertNull(meters.find(GenAiMeters.TOKEN_USAGE).tag(GenAiMeters.TOKEN_TYPE, "output").summary(),
                "an embedding has no output tokens");
        assertEquals(1, meters.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.OPERATION_NAME, "embeddings")
                .timer().count());
        // the llmrouter meters count chat calls only, as before
        assertNull(meters.find(MicrometerObserver.REQUESTS).counter());

        EMULATOR.emulator().fault(embed, EmulatorFault.status(400));
        Exchange failed = camel.send(camel.endpoint("embeddings", "model=" + embed), "refund");
        assertInstanceOf(BadRequestException.class, failed.getException());
        assertEquals(1, meters.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.OPERATION_NAME, "embeddings")
                .tag(GenAiMeters.ERROR_TYPE, "BadRequestException").timer().count());
        // a body that is no text is refused before any call: not a GenAI operation
        camel.send(camel.endpoint("embeddings", "model=" + embed), 12);
        assertEquals(2, meters.find(GenAiMeters.OPERATION_DURATION).timers().stream().mapToLong(Timer::count).sum());
    }

    @Test
    void offWithGenAiMetricsDisabledWhileTheLlmRouterMetersStay() {
        camel.close();
        camel = new CamelHarness(EMULATOR.baseUrl(), c -> c.setGenAiMetricsEnabled(false), null,
                beans -> beans.bind("meters", meters));

        assertNull(camel.send(camel.chat("model=" + MINI), "Hi").getException());

        assertEquals(1, meters.get(MicrometerObserver.REQUESTS).counter().count());
        assertNull(meters.find(GenAiMeters.OPERATION_DURATION).timer());
        assertNull(meters.find(GenAiMeters.TOKEN_USAGE).summary());
    }
}

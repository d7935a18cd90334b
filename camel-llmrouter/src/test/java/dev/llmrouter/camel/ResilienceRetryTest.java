package dev.llmrouter.camel;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.BadRequestException;
import dev.llmrouter.camel.error.RateLimitException;
import dev.llmrouter.camel.error.RequestTimeoutException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.llmrouter.camel.ResilienceFixtures.MINI;
import static dev.llmrouter.camel.ResilienceFixtures.attempts;
import static dev.llmrouter.camel.ResilienceFixtures.outcomes;
import static dev.llmrouter.camel.ResilienceFixtures.statuses;
import static dev.llmrouter.camel.ResilienceFixtures.waits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retries at one target: how often, how long the waits are, and the total timeout. */
class ResilienceRetryTest extends EmulatorTestSupport {

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    @Test
    void retryAfterIsCappedByMaxRetryDelay() {
        EMULATOR.emulator().fault("*", EmulatorFault.status(429).retryAfter("1"));
        long start = System.nanoTime();

        Exchange ex = camel.send(camel.chat("maxRetries=2&retryDelay=10&maxRetryDelay=50&model=" + MINI), "Hi");

        long elapsed = millisSince(start);
        RateLimitException e = assertInstanceOf(RateLimitException.class, ex.getException());
        assertEquals(Duration.ofSeconds(1), e.getRetryAfter());
        assertEquals(List.of(0L, 50L, 50L), waits(e.getAttempts()));
        assertEquals(List.of(429, 429, 429), statuses(e.getAttempts()));
        assertEquals(3, EMULATOR.emulator().chatRequests().size());
        assertTrue(elapsed < 1800, "the 1 s Retry-After was capped, took " + elapsed + " ms");
    }

    @Test
    void retryAfterIsHonouredUnderTheCap() {
        EMULATOR.emulator().fault("*", EmulatorFault.status(503).retryAfter("1").times(1));
        long start = System.nanoTime();

        Exchange ex = camel.send(camel.chat("maxRetries=1&retryDelay=10&maxRetryDelay=5000&model=" + MINI), "Hi");

        long elapsed = millisSince(start);
        assertNull(ex.getException());
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCESS), outcomes(attempts));
        assertEquals(List.of(0L, 1000L), waits(attempts));
        assertTrue(elapsed >= 950, "waited for Retry-After, took " + elapsed + " ms");
        assertEquals(2, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void retryAfterAsHttpDate() {
        // RFC 1123 has whole seconds: the date is 1 to 2 s ahead
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(2));
        EMULATOR.emulator().fault("*", EmulatorFault.status(503).retryAfter(date).times(1));

        Exchange ex = camel.send(camel.chat("maxRetries=1&retryDelay=10&maxRetryDelay=3000&model=" + MINI), "Hi");

        assertNull(ex.getException());
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of(503, 200), statuses(attempts));
        long waited = attempts.get(1).waitedMs();
        assertTrue(waited > 0 && waited <= 3000, "waited " + waited + " ms");
        assertTrue(waited > 10, "the date was used, not the backoff: " + waited + " ms");
    }

    @Test
    void backoffWithoutRetryAfterDoublesWithJitter() {
        EMULATOR.emulator().fault("*", EmulatorFault.status(500));

        Exchange ex = camel.send(camel.chat("maxRetries=3&retryDelay=20&model=" + MINI), "Hi");

        UpstreamException e = assertInstanceOf(UpstreamException.class, ex.getException());
        List<Long> waits = waits(e.getAttempts());
        assertEquals(4, waits.size(), waits.toString());
        assertEquals(0L, waits.get(0));
        assertTrue(waits.get(1) >= 10 && waits.get(1) <= 20, waits.toString());
        assertTrue(waits.get(2) >= 20 && waits.get(2) <= 40, waits.toString());
        assertTrue(waits.get(3) >= 40 && waits.get(3) <= 80, waits.toString());
        assertEquals(4, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void zeroRetryDelayRetriesAtOnce() {
        EMULATOR.emulator().fault("*", EmulatorFault.status(500));
        long start = System.nanoTime();

        Exchange ex = camel.send(camel.chat("maxRetries=2&retryDelay=0&maxRetryDelay=2000&model=" + MINI), "Hi");

        long elapsed = millisSince(start);
        UpstreamException e = assertInstanceOf(UpstreamException.class, ex.getException());
        assertEquals(List.of(0L, 0L, 0L), waits(e.getAttempts()));
        assertEquals(3, EMULATOR.emulator().chatRequests().size());
        assertTrue(elapsed < 1500, "no backoff with retryDelay=0, took " + elapsed + " ms");
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 3 })
    void retryCountIsExact(int maxRetries) {
        EMULATOR.emulator().fault("*", EmulatorFault.status(500));

        Exchange ex = camel.send(camel.chat("maxRetries=" + maxRetries + "&retryDelay=1&model=" + MINI), "Hi");

        UpstreamException e = assertInstanceOf(UpstreamException.class, ex.getException());
        assertEquals(maxRetries + 1, EMULATOR.emulator().chatRequests().size());
        assertEquals(maxRetries + 1, e.getAttempts().size());
        assertEquals(e.getAttempts(), attempts(ex));
    }

    @Test
    void badRequestIsNotRetried() {
        EMULATOR.emulator().fault("*", EmulatorFault.status(400));

        Exchange ex = camel.send(camel.chat("maxRetries=3&retryDelay=1&model=" + MINI), "Hi");

        assertInstanceOf(BadRequestException.class, ex.getException());
        assertEquals(1, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void totalTimeoutEndsASlowCall() {
        EMULATOR.emulator().fault("*", EmulatorFault.delayOnly(Duration.ofSeconds(2)));
        long start = System.nanoTime();

        Exchange ex = camel.send(camel.chat("maxRetries=2&retryDelay=10&totalTimeout=300&model=" + MINI),
                "original body");

        long elapsed = millisSince(start);
        RequestTimeoutException e = assertInstanceOf(RequestTimeoutException.class, ex.getException());
        assertTrue(e.getMessage().contains("totalTimeout"), e.getMessage());
        assertTrue(elapsed < 1500, "ended after " + elapsed + " ms");
        assertTrue(elapsed >= 250, "ended after " + elapsed + " ms");
        assertEquals("original body", ex.getMessage().getBody());
        assertNull(ex.getMessage().getHeader(LlmRouterConstants.COST));
    }

    @Test
    void totalTimeoutStopsRetryWaits() {
        EMULATOR.emulator().fault("*", EmulatorFault.status(503).retryAfter("1"));
        long start = System.nanoTime();

        Exchange ex = camel.send(camel.chat("maxRetries=5&maxRetryDelay=5000&totalTimeout=300&model=" + MINI), "Hi");

        long elapsed = millisSince(start);
        // a wait that would end after the total timeout is not started: the failure ends the call at once
        UpstreamException e = assertInstanceOf(UpstreamException.class, ex.getException());
        assertEquals(503, e.getStatusCode());
        assertTrue(elapsed < 1000, "no 1 s wait past the total timeout: " + elapsed + " ms");
        assertEquals(1, EMULATOR.emulator().chatRequests().size());
        assertEquals(1, e.getAttempts().size());
    }
}

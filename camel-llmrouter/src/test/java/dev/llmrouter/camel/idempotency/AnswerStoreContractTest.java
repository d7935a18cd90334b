package dev.llmrouter.camel.idempotency;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claim, answer and expiry rules every AnswerStore shipped follows, on a clock the test moves. */
class AnswerStoreContractTest {

    /** A clock whose time only moves when the test says so. */
    static final class ManualClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        void advance(long ms) {
            millis.addAndGet(ms);
        }
    }

    interface Factory {
        AnswerStore create(Clock clock);
    }

    static Stream<Arguments> stores() {
        Factory memory = clock -> new InMemoryAnswerStore(2, clock);
        Factory h2 = clock -> {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:answers_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
            ds.setUser("sa");
            AnswerStore s = new JdbcAnswerStore(ds, "llmrouter_answers", clock);
            s.start();
            return s;
        };
        return Stream.of(Arguments.of("in-memory", memory), Arguments.of("H2", h2));
    }

    private static StoredAnswer answer(String text) {
        return new StoredAnswer(text, String.class.getName(),
                Map.of("CamelLlmRouterPromptTokens", new StoredAnswer.Header("java.lang.Integer", "12")),
                new BigDecimal("0.000123"), "openai/gpt-4o-mini", 1L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void claimsAnswersLeasesAndRetention(String name, Factory factory) {
        ManualClock clock = new ManualClock();
        AnswerStore store = factory.create(clock);
        Duration lease = Duration.ofSeconds(10);

        assertEquals(Claim.State.CLAIMED, store.claim("k", "a", lease).state());
        Claim other = store.claim("k", "b", lease);
        assertEquals(Claim.State.HELD_BY_OTHER, other.state());
        assertEquals(clock.instant().plus(lease), other.expiresAt());
        assertEquals(Claim.State.CLAIMED, store.claim("k", "a", lease).state(), "the owner claims again");
        assertTrue(store.get("k").isEmpty());

        clock.advance(8_000);
        assertTrue(store.renew("k", "a", lease));
        assertFalse(store.renew("k", "b", lease), "only the owner renews");
        clock.advance(8_000);
        assertEquals(Claim.State.HELD_BY_OTHER, store.claim("k", "b", lease).state(), "renewed, still held");
        clock.advance(10_001);
        assertEquals(Claim.State.CLAIMED, store.claim("k", "b", lease).state(), "an expired lease is taken over");
        assertFalse(store.renew("k", "a", lease), "the old owner lost it");

        store.put("k", answer("hello"), Duration.ofMinutes(1));
        Claim answered = store.claim("k", "c", lease);
        assertEquals(Claim.State.ANSWERED, answered.state());
        assertEquals(answer("hello"), answered.answer());
        assertEquals(answer("hello"), store.get("k").orElseThrow());
        assertFalse(store.renew("k", "b", lease), "an answered key has no claim");

        clock.advance(60_001);
        assertTrue(store.get("k").isEmpty(), "past its retention");
        assertEquals(Claim.State.CLAIMED, store.claim("k", "c", lease).state(), "fetched again");

        store.release("k", "someone-else");
        assertEquals(Claim.State.HELD_BY_OTHER, store.claim("k", "d", lease).state(), "only the owner releases");
        store.release("k", "c");
        assertEquals(Claim.State.CLAIMED, store.claim("k", "d", lease).state(), "a released key is free at once");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anAnswerIsStoredWithoutAClaimToo(String name, Factory factory) {
        AnswerStore store = factory.create(new ManualClock());
        store.put("free", answer("x"), Duration.ofMinutes(1));
        store.put("free", answer("y"), Duration.ofMinutes(1));
        assertEquals("y", store.get("free").orElseThrow().body());
    }

    @org.junit.jupiter.api.Test
    void theInMemoryStoreKeepsTheMostRecentlyUsedAnswersOnly() {
        InMemoryAnswerStore store = new InMemoryAnswerStore(2, new ManualClock());
        store.put("a", answer("a"), Duration.ofMinutes(1));
        store.put("b", answer("b"), Duration.ofMinutes(1));
        store.get("a");
        store.put("c", answer("c"), Duration.ofMinutes(1));
        assertTrue(store.get("a").isPresent(), "used recently");
        assertTrue(store.get("b").isEmpty(), "the least recently used went first");
        assertEquals(2, store.size());
    }
}

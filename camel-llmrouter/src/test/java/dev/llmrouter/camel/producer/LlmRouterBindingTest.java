package dev.llmrouter.camel.producer;

import java.math.BigDecimal;
import java.util.List;

import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.error.RateLimit;
import dev.llmrouter.camel.error.RateLimitException;
import dev.llmrouter.camel.plan.Overrides;
import dev.llmrouter.camel.routing.CircuitBreakers;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The binding on its own, without a route: what it reads from headers and what it writes to the message. */
class LlmRouterBindingTest {

    private final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private Exchange exchange() {
        return new DefaultExchange(context);
    }

    @Test
    void noHeadersMeansNoOverrides() {
        assertSame(Overrides.NONE, LlmRouterBinding.readOverrides(exchange().getMessage()));
    }

    @Test
    void readsAndConvertsOverrideHeaders() {
        Message m = exchange().getMessage();
        m.setHeader(LlmRouterConstants.MODEL, " openai/gpt-4o-mini ");
        m.setHeader(LlmRouterConstants.MAX_TOKENS, "250");
        m.setHeader(LlmRouterConstants.FALLBACK_MODELS, "a/b, c/d");
        Overrides o = LlmRouterBinding.readOverrides(m);
        assertEquals("openai/gpt-4o-mini", o.model());
        assertEquals(250, o.maxTokens());
        assertEquals(List.of("a/b", "c/d"), o.fallbackModels());
    }

    @Test
    void anUnreadableHeaderFailsNamingIt() {
        Message m = exchange().getMessage();
        m.setHeader(LlmRouterConstants.MAX_TOKENS, "many");
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> LlmRouterBinding.readOverrides(m));
        assertEquals("Invalid header: Invalid value 'many' for CamelLlmRouterMaxTokens: expected a whole number",
                e.getMessage());
        assertFalse(e.isRetryable());
    }

    @Test
    void generationIdFromHeaderThenFromAStringBody() {
        Message m = exchange().getMessage();
        m.setBody("  gen-from-body ");
        assertEquals("gen-from-body", LlmRouterBinding.generationId(m));
        m.setHeader(LlmRouterConstants.GENERATION_ID, "gen-from-header");
        assertEquals("gen-from-header", LlmRouterBinding.generationId(m));
        m.removeHeader(LlmRouterConstants.GENERATION_ID);
        m.setBody(42);
        assertNull(LlmRouterBinding.generationId(m));
    }

    @Test
    void aFailureKeepsTheBodyAndWritesAttemptsAndRateLimitHeaders() {
        Exchange ex = exchange();
        ex.getMessage().setBody("the prompt");
        RateLimitException failure = new RateLimitException(new ErrorInfo("HTTP 429", 429, null, null, null, null,
                null, new RateLimit(100L, 0L, 1_700_000_000_000L)));
        Attempt skipped = new Attempt("backup", "m", Attempt.Outcome.SKIPPED, 0, 0, 0, null,
                CircuitBreakers.SKIP_DETAIL + "backup");
        Attempt failed = new Attempt("openrouter", "m", Attempt.Outcome.FAILED, 429, 12, 0, null, "HTTP 429");
        failure.setAttempts(List.of(failed, skipped));
        LlmRouterBinding.writeFailure(ex, failure);
        assertSame(failure, ex.getException());
        assertEquals("the prompt", ex.getMessage().getBody());
        assertEquals(List.of(failed, skipped), ex.getMessage().getHeader(LlmRouterConstants.ATTEMPTS));
        assertEquals(List.of("backup"), ex.getMessage().getHeader(LlmRouterConstants.SKIPPED));
        assertEquals(100L, ex.getMessage().getHeader(LlmRouterConstants.RATE_LIMIT_LIMIT));
        assertEquals(0L, ex.getMessage().getHeader(LlmRouterConstants.RATE_LIMIT_REMAINING));
        assertEquals(1_700_000_000_000L, ex.getMessage().getHeader(LlmRouterConstants.RATE_LIMIT_RESET));
    }

    @Test
    void aFailureWithoutAttemptsWritesNoAttemptHeaders() {
        Exchange ex = exchange();
        LlmRouterBinding.writeFailure(ex, new InvalidMessageException(ErrorInfo.of("bad")));
        assertFalse(ex.getMessage().hasHeaders() && ex.getMessage().getHeaders().containsKey(
                LlmRouterConstants.ATTEMPTS));
        assertTrue(ex.getException() instanceof InvalidMessageException);
    }

    @Test
    void setRemovesAHeaderWhoseValueIsMissing() {
        Message m = exchange().getMessage();
        m.setHeader(LlmRouterConstants.COST, new BigDecimal("0.5"));
        LlmRouterBinding.set(m, LlmRouterConstants.COST, null);
        assertNull(m.getHeader(LlmRouterConstants.COST));
        assertFalse(m.getHeaders().containsKey(LlmRouterConstants.COST));
    }

    /** Every CamelLlmRouter* header name the constants declare. */
    private static List<String> headerNames() throws IllegalAccessException {
        List<String> names = new java.util.ArrayList<>();
        for (java.lang.reflect.Field f : LlmRouterConstants.class.getFields()) {
            if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())
                && ((String) f.get(null)).startsWith("CamelLlmRouter")) {
                names.add((String) f.get(null));
            }
        }
        return names;
    }

    private static void writeBareAnswer(Message m) throws Exception {
        dev.llmrouter.camel.wire.ChatResponse response = dev.llmrouter.camel.wire.WireJson.mapper().readValue(
                "{\"id\":\"gen-2\",\"model\":\"m/2\",\"choices\":[{\"message\":{\"role\":\"assistant\","
                + "\"content\":\"second\"},\"finish_reason\":\"stop\"}]}",
                dev.llmrouter.camel.wire.ChatResponse.class);
        LlmRouterBinding.writeAnswer(m, new dev.llmrouter.camel.routing.ChatOutcome(response),
                new dev.llmrouter.camel.plan.RequestTemplate(null, null, java.util.Map.of(), null, false));
    }

    /**
     * An answer removes the headers it lacks only when the message carries one of them (to skip the lookups on a
     * first call). For every header name on its own, the answer leaves the message as it would with the removals
     * done: a header the answer writes or removes is never left stale, whatever else the message carries.
     */
    @Test
    void anAnswerRemovesWhatItLacksWhetherOrNotOtherAnswerHeadersArePresent() throws Exception {
        int removed = 0;
        for (String name : headerNames()) {
            Message alone = exchange().getMessage();
            alone.setHeader(name, "stale");
            writeBareAnswer(alone);

            // with an answer header the answer lacks beside it, every removal is done
            String other = name.equals(LlmRouterConstants.REFUSAL) ? LlmRouterConstants.LOGPROBS
                    : LlmRouterConstants.REFUSAL;
            Message withOther = exchange().getMessage();
            withOther.setHeader(name, "stale");
            withOther.setHeader(other, "stale");
            writeBareAnswer(withOther);
            assertFalse(withOther.hasHeaders() && withOther.getHeaders().containsKey(other), other);

            assertEquals(withOther.getHeader(name), alone.getHeader(name), name);
            if (withOther.getHeader(name) == null) {
                removed++;
            }
        }
        // the answer set three of them (model, generation id, finish reason) and removed the other answer headers
        assertEquals(LlmRouterBinding.ANSWER_HEADERS.size() - 3, removed);
        Message first = exchange().getMessage();
        first.setHeader(LlmRouterConstants.ESTIMATED_COST, "0.01");
        assertFalse(LlmRouterBinding.carriesAnswerHeaders(first));
        first.setHeader("camelllmroutercost", "0.02");
        assertTrue(LlmRouterBinding.carriesAnswerHeaders(first));
        writeBareAnswer(first);
        assertNull(first.getHeader(LlmRouterConstants.COST));
        assertEquals("0.01", first.getHeader(LlmRouterConstants.ESTIMATED_COST));
        assertEquals("m/2", first.getHeader(LlmRouterConstants.RESPONSE_MODEL));
    }
}

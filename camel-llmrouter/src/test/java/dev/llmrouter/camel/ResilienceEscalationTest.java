package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.EscalationFailedException;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.ResilienceFixtures.CHEAP;
import static dev.llmrouter.camel.ResilienceFixtures.STRONG;
import static dev.llmrouter.camel.ResilienceFixtures.attempts;
import static dev.llmrouter.camel.ResilienceFixtures.outcomes;
import static dev.llmrouter.camel.ResilienceFixtures.statuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** escalateModels with escalateOn / escalateWhen: cheap first, the stronger model only when needed. */
class ResilienceEscalationTest extends EmulatorTestSupport {

    /** The structured answer of the schema test. */
    public record Verdict(String label, int score) {
    }

    private static List<String> models(List<Attempt> attempts) {
        return attempts.stream().map(Attempt::model).toList();
    }

    @Test
    void invalidJsonEscalatesAndCostIsTheSumOfBothAttempts() {
        EMULATOR.emulator().reply(CHEAP, "", "Sure! The label is billing.");
        EMULATOR.emulator().reply(STRONG, "", "{\"label\":\"billing\"}");

        Exchange ex = camel.send(camel.chat("model=" + CHEAP + "&fallbackModels=openai/gpt-4o-mini&escalateModels="
                                            + STRONG + "&escalateOn=invalidJson&maxRetries=0"), "Classify: refund");

        assertNull(ex.getException());
        assertEquals("{\"label\":\"billing\"}", ex.getMessage().getBody());
        assertEquals(STRONG, ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of(Attempt.Outcome.REJECTED, Attempt.Outcome.SUCCESS), outcomes(attempts));
        assertEquals(List.of(CHEAP, STRONG), models(attempts));
        assertEquals(List.of(200, 200), statuses(attempts));
        assertTrue(attempts.get(0).detail().contains("not valid JSON"), attempts.get(0).detail());
        BigDecimal first = attempts.get(0).cost();
        BigDecimal second = attempts.get(1).cost();
        assertNotNull(first);
        assertNotNull(second);
        assertTrue(first.signum() > 0 && second.signum() > 0, first + " " + second);
        BigDecimal total = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertEquals(0, first.add(second).compareTo(total), first + " + " + second + " != " + total);
        // the escalated request names only the stronger model
        assertEquals(2, EMULATOR.emulator().chatRequests().size());
        assertEquals(CHEAP, EMULATOR.emulator().chatRequests().get(0).json().get("model").asText());
        assertTrue(EMULATOR.emulator().chatRequests().get(0).json().has("models"));
        assertEquals(STRONG, EMULATOR.emulator().chatRequests().get(1).json().get("model").asText());
        assertFalse(EMULATOR.emulator().chatRequests().get(1).json().has("models"));
    }

    @Test
    void schemaCheckRejectsAnAnswerMissingARequiredField() {
        EMULATOR.emulator().reply(CHEAP, "", "{\"label\":\"billing\"}");
        EMULATOR.emulator().reply(STRONG, "", "{\"label\":\"billing\",\"score\":3}");

        Exchange ex = camel.send(camel.chat("model=" + CHEAP + "&escalateModels=" + STRONG + "&escalateOn=schema"
                                            + "&outputClass=" + Verdict.class.getName() + "&maxRetries=0"), "Classify");

        assertNull(ex.getException());
        assertEquals(new Verdict("billing", 3), ex.getMessage().getBody());
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of(Attempt.Outcome.REJECTED, Attempt.Outcome.SUCCESS), outcomes(attempts));
        assertTrue(attempts.get(0).detail().contains("schema") && attempts.get(0).detail().contains("score"),
                attempts.get(0).detail());
    }

    @Test
    void escalateWhenPredicateEscalates() {
        EMULATOR.emulator().reply(CHEAP, "", "I don't know");
        EMULATOR.emulator().reply(STRONG, "", "Paris");

        Exchange ex = camel.send(camel.chat("model=" + CHEAP + "&escalateModels=" + STRONG
                                            + "&escalateWhen=RAW(${body} contains \"I don't know\")&maxRetries=0"),
                "Capital of France?");

        assertNull(ex.getException());
        assertEquals("Paris", ex.getMessage().getBody());
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of(Attempt.Outcome.REJECTED, Attempt.Outcome.SUCCESS), outcomes(attempts));
        assertTrue(attempts.get(0).detail().contains("escalateWhen"), attempts.get(0).detail());
    }

    @Test
    void escalateWhenNotMatchingKeepsTheCheapAnswer() {
        EMULATOR.emulator().reply(CHEAP, "", "Paris");

        Exchange ex = camel.send(camel.chat("model=" + CHEAP + "&escalateModels=" + STRONG
                                            + "&escalateWhen=RAW(${body} contains \"I don't know\")&maxRetries=0"),
                "Capital of France?");

        assertNull(ex.getException());
        assertEquals("Paris", ex.getMessage().getBody());
        assertEquals(List.of(Attempt.Outcome.SUCCESS), outcomes(attempts(ex)));
        assertEquals(1, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void noAnswerPassesFailsWithEveryAttempt() {
        EMULATOR.emulator().reply("", "plain text, not JSON");

        Exchange ex = camel.send(camel.chat("model=" + CHEAP + "&escalateModels=" + STRONG
                                            + "&escalateOn=invalidJson&maxRetries=0"), "original body");

        EscalationFailedException e = assertInstanceOf(EscalationFailedException.class, ex.getException());
        assertEquals(List.of(Attempt.Outcome.REJECTED, Attempt.Outcome.REJECTED), outcomes(e.getAttempts()));
        assertEquals(List.of(CHEAP, STRONG), models(e.getAttempts()));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertEquals(e.getAttempts(), attempts(ex));
        assertEquals("original body", ex.getMessage().getBody());
    }

    @Test
    void failingCheapModelEscalatesToTheStrongOne() {
        EMULATOR.emulator().fault(CHEAP, EmulatorFault.status(503));
        EMULATOR.emulator().reply(STRONG, "", "strong answer");

        Exchange ex = camel.send(camel.chat("model=" + CHEAP + "&escalateModels=" + STRONG + "&maxRetries=0"), "Hi");

        assertNull(ex.getException());
        assertEquals("strong answer", ex.getMessage().getBody());
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCESS), outcomes(attempts));
        assertEquals(List.of(503, 200), statuses(attempts));
        assertEquals(List.of(CHEAP, STRONG), models(attempts));
        assertEquals(0, attempts.get(1).cost().compareTo(
                ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class)));
    }
}

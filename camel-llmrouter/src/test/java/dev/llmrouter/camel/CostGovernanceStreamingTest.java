package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.routing.ChatStream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.await;
import static dev.llmrouter.camel.CostGovernanceFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** stream=true under a budget: the reservation is held while the stream is read and settled at its cost. */
class CostGovernanceStreamingTest extends EmulatorTestSupport {

    private final List<String> deltas = new CopyOnWriteArrayList<>();

    @Test
    void aStreamReadToItsEndSettlesItsReservationAtTheStreamsCost() {
        EMULATOR.emulator().reply("budget", "A streamed answer that costs a little");
        BigDecimal amount = new BigDecimal("0.5");
        String uri = "llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl=" + EMULATOR.baseUrl()
                     + "&model=" + MINI + "&maxTokens=100&stream=true&budget=s";
        useHarness(c -> c.addBudget("s", new LlmRouterBudget(amount, "none")), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stream").to(uri)
                        .split(body()).streaming()
                            .process(e -> deltas.add(e.getMessage().getBody(String.class)))
                        .end();
            }
        }, EMULATOR.baseUrl());

        Exchange ex = camel.template.send("direct:stream", e -> e.getMessage().setBody("Stream under the budget"));

        assertNull(ex.getException());
        assertEquals("A streamed answer that costs a little", String.join("", deltas));
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertNotNull(cost);
        assertTrue(cost.signum() > 0);
        BigDecimal estimate = ex.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST, BigDecimal.class);
        assertTrue(estimate.compareTo(cost) > 0, "the reservation " + estimate + " was above the cost " + cost);
        LedgerRow r = row(camel.component, "s", "");
        assertEquals(0, cost.compareTo(r.spent()), "settled at the stream's cost: " + r);
        assertEquals(0, r.reserved().signum(), "nothing held any more: " + r);
        assertEquals(0, amount.subtract(cost).compareTo(
                ex.getMessage().getHeader(LlmRouterConstants.BUDGET_REMAINING, BigDecimal.class)));
    }

    @Test
    void aStreamNobodyReadsStillEndsItsReservation() {
        BigDecimal amount = new BigDecimal("0.5");
        useHarness(c -> c.addBudget("u", new LlmRouterBudget(amount, "none")), null, EMULATOR.baseUrl());
        String uri = camel.chat("model=" + MINI + "&maxTokens=100&stream=true&budget=u");

        Exchange ex = camel.send(uri, "Stream that nobody reads");

        assertNull(ex.getException());
        ChatStream stream = ex.getMessage().getBody(ChatStream.class);
        assertNotNull(stream);
        BigDecimal estimate = ex.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST, BigDecimal.class);
        // the exchange is complete, so the stream is closed; the reservation is settled (at the cost if usage
        // arrived, else at the worst case) and never left open
        await(() -> row(camel.component, "u", "").reserved().signum() == 0, "the reservation to end");
        LedgerRow r = row(camel.component, "u", "");
        assertTrue(r.spent().signum() > 0, "the stream's tokens were booked: " + r);
        assertTrue(r.spent().compareTo(estimate) <= 0, r + " vs " + estimate);
    }
}

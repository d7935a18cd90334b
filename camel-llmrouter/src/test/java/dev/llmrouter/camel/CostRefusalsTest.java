package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;

import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.camel.error.CostCeilingExceededException;
import dev.llmrouter.camel.error.ModelNotAllowedException;
import dev.llmrouter.camel.error.UnknownModelPriceException;
import dev.llmrouter.camel.support.CostAssembly;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ceiling and budget refusals as decisions: the message names the model and the term that drive the worst case and
 * what to set, a ceiling that refuses everything is warned about at start, the exceptions carry no stack trace, and
 * {@code onException(...).handled(true)} routes them quietly.
 */
class CostRefusalsTest extends EmulatorTestSupport {

    static final String SONNET = "anthropic/claude-sonnet-4.5";

    @Test
    void aCeilingRefusalNamesTheEscalationModelTheTermAndWhatToSet() {
        // the README's first route: no maxTokens, so the escalation model may answer with its whole context window
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&escalateModels=" + SONNET
                                            + "&maxCostPerRequest=0.01"), PROMPT);

        CostCeilingExceededException e = assertInstanceOf(CostCeilingExceededException.class, ex.getException());
        assertEquals(SONNET, e.getModel(), "sonnet's 1M-token window at $15 per million drives the estimate");
        // the prompt is estimated at 15 tokens for sonnet and 12 for mini: sonnet may answer 1,000,000 - 15 tokens
        // at 0.000015 (14.999775) plus 15 x 0.000003, mini 128,000 - 12 at 0.0000006 plus 12 x 0.00000015: 15.0766146.
        // With maxTokens=N both answer N tokens, so N fits while 0.0000468 + N x 0.0000156 <= 0.01: N = 638
        assertEquals("Estimated worst-case cost $15.0766146 exceeds maxCostPerRequest $0.01; nothing was sent. Model '"
                     + SONNET + "' (escalateModels) drives it: up to 999985 completion tokens (its context window of"
                     + " 1000000 tokens less the prompt, as maxTokens is not set) at $0.000015 per token make"
                     + " $14.999775 of it. Set maxTokens (at most 638 fits) or raise maxCostPerRequest to at least"
                     + " $15.0766146.", e.getMessage());
        assertEquals(0, EMULATOR.emulator().chatRequests().size());
        // docs/cost-governance.md shows this very message, wrapped over lines
        String shown = DocSnippets.blocks(DocSnippets.ROOT.resolve("docs/cost-governance.md"), "").stream()
                .map(DocSnippets.Block::text).filter(t -> t.startsWith("Estimated worst-case cost")).findFirst()
                .orElseThrow().strip().replace('\n', ' ');
        assertEquals(e.getMessage(), shown, "the refusal as docs/cost-governance.md shows it");

        // the advice holds: 638 fits, 639 does not
        assertNull(camel.send(camel.chat("model=" + MINI + "&escalateModels=" + SONNET
                                         + "&maxCostPerRequest=0.01&maxTokens=638"), PROMPT).getException());
        CostCeilingExceededException over = assertInstanceOf(CostCeilingExceededException.class, camel.send(
                camel.chat("model=" + MINI + "&escalateModels=" + SONNET + "&maxCostPerRequest=0.01&maxTokens=639"),
                PROMPT).getException());
        assertTrue(over.getMessage().contains("up to 639 completion tokens (maxTokens) at $0.000015 per token"
                                              + " make $0.009585 of it. Lower maxTokens to at most 638 or raise"
                                              + " maxCostPerRequest to at least $"), over.getMessage());
    }

    @Test
    void theStartWarnsWhenTheCeilingRefusesEveryMessage() {
        try (LogCapture log = new LogCapture()) {
            camel.context.getEndpoint(camel.chat("model=" + MINI + "&escalateModels=" + SONNET
                                                 + "&maxCostPerRequest=0.01"));
            // nothing is warned about before the endpoint starts its producer (prices are read at start)
            camel.send(camel.chat("model=" + MINI + "&escalateModels=" + SONNET + "&maxCostPerRequest=0.01"), PROMPT);
            camel.send(camel.chat("model=" + MINI + "&escalateModels=" + SONNET
                                  + "&maxCostPerRequest=0.01&maxTokens=500"), PROMPT);

            List<LogCapture.Line> warnings = log.at(Level.WARN).stream()
                    .filter(l -> l.logger().equals(CostAssembly.class.getName())).toList();
            assertEquals(1, warnings.size(), "only the endpoint without maxTokens: " + warnings);
            String w = warnings.get(0).message();
            assertTrue(w.startsWith("Endpoint llmrouter://chat?apiKey=xxxxxx&"), w);
            assertTrue(w.contains(": maxCostPerRequest $0.01 refuses every message: even an empty prompt may cost"
                                  + " $15.0768. Model '" + SONNET + "' (escalateModels) drives it: up to 1000000"
                                  + " completion tokens (its context window of 1000000 tokens less the prompt, as"
                                  + " maxTokens is not set) at $0.000015 per token make $15.00 of it. Set maxTokens"
                                  + " (at most 641 fits) or raise maxCostPerRequest to at least $15.0768."), w);
            assertTrue(!w.contains(CamelHarness.API_KEY), w);
        }
    }

    @Test
    void refusalsCarryNoStackTrace() {
        assertEquals(0, new CostCeilingExceededException(MINI, BigDecimal.ONE, BigDecimal.TEN).getStackTrace().length);
        assertEquals(0, new BudgetExceededException("b", "", BigDecimal.ZERO, BigDecimal.ONE).getStackTrace().length);
        assertEquals(0, new ModelNotAllowedException(MINI, "model", "deniedModels", "openai/*").getStackTrace().length);
        assertEquals(0, new UnknownModelPriceException(MINI).getStackTrace().length);
    }

    @Test
    void onExceptionHandledRoutesRefusalsQuietlyWithTheBodyIntact() throws Exception {
        useHarness(c -> c.addBudget("empty", new LlmRouterBudget(BigDecimal.ZERO, "none")), new RouteBuilder() {
            @Override
            public void configure() {
                // doc: docs/cost-governance.md
                onException(BudgetExceededException.class, CostCeilingExceededException.class)
                    .handled(true)                    // the exchange completes; nothing is logged at ERROR
                    .to("direct:refused");            // the body is the message that was refused

                from("direct:refused")
                    .log(LoggingLevel.INFO, "refused: ${exception.message}")
                    .to("seda:later");                // e.g. retry when the budget window rolls over
                // end doc
                from("seda:later").to("mock:refused");
                from("direct:ask").routeId("ask")
                        .to("llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl=" + EMULATOR.baseUrl()
                            + "&model=" + MINI + "&maxTokens=100&budget=empty")
                        .to("mock:answered");
                from("direct:ceiling").routeId("ceiling")
                        .to("llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl=" + EMULATOR.baseUrl()
                            + "&model=" + MINI + "&maxTokens=100&maxCostPerRequest=0.00001")
                        .to("mock:answered");
            }
        }, EMULATOR.baseUrl());
        MockEndpoint refused = camel.context.getEndpoint("mock:refused", MockEndpoint.class);
        MockEndpoint answered = camel.context.getEndpoint("mock:answered", MockEndpoint.class);
        refused.expectedBodiesReceived(PROMPT, "Another question");
        answered.expectedMessageCount(0);

        try (LogCapture log = new LogCapture()) {
            Exchange budget = camel.template.send("direct:ask", e -> e.getMessage().setBody(PROMPT));
            Exchange ceiling = camel.template.send("direct:ceiling", e -> e.getMessage().setBody("Another question"));

            refused.assertIsSatisfied(5000);
            answered.assertIsSatisfied();
            assertNull(budget.getException(), "handled");
            assertNull(ceiling.getException(), "handled");
            assertInstanceOf(BudgetExceededException.class,
                    refused.getExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT));
            assertInstanceOf(CostCeilingExceededException.class,
                    refused.getExchanges().get(1).getProperty(Exchange.EXCEPTION_CAUGHT));
            assertEquals(List.of(), log.at(Level.ERROR), "a handled refusal logs no ERROR");
            assertEquals(0, EMULATOR.emulator().chatRequests().size());
        }
    }
}

package dev.llmrouter.camel;

import java.util.Map;

import dev.llmrouter.camel.error.ModelNotAllowedException;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.CostGovernanceFixtures.FREE;
import static dev.llmrouter.camel.CostGovernanceFixtures.HAIKU;
import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static dev.llmrouter.camel.CostGovernanceFixtures.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** allowedModels / deniedModels: checked on the endpoint's models at creation and on header overrides per message. */
class CostGovernanceModelPolicyTest extends EmulatorTestSupport {

    private int chats() {
        return EMULATOR.emulator().chatRequests().size();
    }

    private ModelNotAllowedException creationFails(String options) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context.getEndpoint(camel.chat(options)));
        assertFalse(e.getMessage().contains(CamelHarness.API_KEY), e.getMessage());
        return assertInstanceOf(ModelNotAllowedException.class, root(e));
    }

    @Test
    void aModelOutsideTheAllowListFailsAtEndpointCreation() {
        ModelNotAllowedException e = creationFails("allowedModels=openai/*&model=" + HAIKU);
        assertEquals(HAIKU, e.getModel());
        assertEquals("allowedModels", e.getOption());
        assertEquals("model", e.getSource());
        assertEquals("Model '" + HAIKU + "' (from model) matches no allowedModels pattern [openai/*]", e.getMessage());
        assertEquals(0, EMULATOR.emulator().requestCount(), "nothing reached the server");
    }

    @Test
    void fallbackEscalateAndDowngradeModelsAreCheckedAtCreation() {
        ModelNotAllowedException f = creationFails("allowedModels=openai/*&model=" + MINI + "&fallbackModels=" + HAIKU);
        assertEquals("fallbackModels", f.getSource());
        assertEquals(HAIKU, f.getModel());
        assertTrue(f.getMessage().contains("allowedModels"), f.getMessage());

        ModelNotAllowedException e = creationFails("allowedModels=openai/*&model=" + MINI + "&escalateModels="
                                                   + HAIKU + "&escalateOn=invalidJson");
        assertEquals("escalateModels", e.getSource());
        assertEquals(HAIKU, e.getModel());

        ModelNotAllowedException d = creationFails("allowedModels=openai/*&model=" + MINI + "&budget=b"
                                                   + "&onBudgetExceeded=downgrade&downgradeModels=" + FREE);
        assertEquals("downgradeModels", d.getSource());
        assertEquals(FREE, d.getModel());
    }

    @Test
    void denyWinsOverAllow() {
        ModelNotAllowedException e = creationFails("allowedModels=openai/*&deniedModels=*-mini&model=" + MINI);
        assertEquals("deniedModels", e.getOption());
        assertEquals("*-mini", e.getPattern());
        assertEquals("Model '" + MINI + "' (from model) is refused by deniedModels pattern '*-mini'", e.getMessage());
    }

    @Test
    void aDeniedHeaderOverrideFailsThatMessageOnlyAndSendsNothing() {
        String uri = camel.chat("allowedModels=openai/*&deniedModels=anthropic/claude-sonnet*&model=" + MINI);

        Exchange denied = camel.send(uri, PROMPT, Map.of(LlmRouterConstants.MODEL, HAIKU));
        ModelNotAllowedException e = assertInstanceOf(ModelNotAllowedException.class, denied.getException());
        assertEquals(HAIKU, e.getModel());
        assertEquals("header " + LlmRouterConstants.MODEL, e.getSource());
        assertEquals("allowedModels", e.getOption());
        assertEquals(0, chats(), "nothing was sent");

        Exchange denyList = camel.send(uri, PROMPT, Map.of(LlmRouterConstants.MODEL, "anthropic/claude-sonnet-4.5"));
        ModelNotAllowedException d = assertInstanceOf(ModelNotAllowedException.class, denyList.getException());
        assertEquals("deniedModels", d.getOption());
        assertEquals(0, chats());

        Exchange fallbackHeader = camel.send(uri, PROMPT, Map.of(LlmRouterConstants.FALLBACK_MODELS, MINI + "," + HAIKU));
        ModelNotAllowedException fb = assertInstanceOf(ModelNotAllowedException.class, fallbackHeader.getException());
        assertEquals(HAIKU, fb.getModel());
        assertEquals(0, chats());

        // the endpoint keeps working for allowed messages
        Exchange ok = camel.send(uri, PROMPT, Map.of(LlmRouterConstants.MODEL, MINI));
        assertNull(ok.getException());
        assertEquals(1, chats());
        Exchange plain = camel.send(uri, PROMPT);
        assertNull(plain.getException());
        assertEquals(MINI, EMULATOR.emulator().lastRequest().json().get("model").asText());
        assertEquals(2, chats());
    }
}

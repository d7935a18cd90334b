package dev.llmrouter.camel.cost;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.llmrouter.camel.error.ModelNotAllowedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelPolicyTest {

    final ModelPolicy policy = ModelPolicy.of(" openai/* , anthropic/claude-*-4.5,, meta-llama/llama-3.?-70b* ",
            "*:free, openai/gpt-4o-mini*");

    @Test
    void globs() {
        assertTrue(policy.isAllowed("openai/gpt-5"));
        assertTrue(policy.isAllowed("OpenAI/GPT-5"), "case-insensitive");
        assertTrue(policy.isAllowed("anthropic/claude-haiku-4.5"));
        assertFalse(policy.isAllowed("anthropic/claude-haiku-4"));
        assertTrue(policy.isAllowed("meta-llama/llama-3.3-70b-instruct"));
        assertFalse(policy.isAllowed("meta-llama/llama-3.10-70b-instruct"), "? is exactly one character");
        assertFalse(policy.isAllowed("mistralai/mistral-small"));
        assertTrue(ModelPolicy.of("*", null).isAllowed("a/b:c"), "* spans / and :");
        assertTrue(ModelPolicy.of("a.b", null).isAllowed("a.b"));
        assertFalse(ModelPolicy.of("a.b", null).isAllowed("axb"), "regex characters are literal");
    }

    @Test
    void denyWinsAndTheMessageNamesModelSourceOptionAndPattern() {
        ModelNotAllowedException e = assertThrows(ModelNotAllowedException.class,
                () -> policy.check("openai/gpt-4o-mini:free", "header CamelLlmRouterModel"));
        String m = e.getMessage();
        assertTrue(m.contains("'openai/gpt-4o-mini:free'"), m);
        assertTrue(m.contains("header CamelLlmRouterModel"), m);
        assertTrue(m.contains("deniedModels"), m);
        assertTrue(m.contains("'*:free'"), m);
        assertEquals("*:free", e.getPattern());
        assertFalse(e.isRetryable());

        ModelNotAllowedException notListed = assertThrows(ModelNotAllowedException.class,
                () -> policy.check("mistralai/mistral-small", "fallbackModels"));
        assertTrue(notListed.getMessage().contains("allowedModels"), notListed.getMessage());
        assertTrue(notListed.getMessage().contains("fallbackModels"), notListed.getMessage());
        assertTrue(notListed.getMessage().contains("openai/*, anthropic/claude-*-4.5, meta-llama/llama-3.?-70b*"),
                notListed.getMessage());
        assertEquals("allowedModels", notListed.getOption());
    }

    @Test
    void emptyListsAllowEverythingAndCheckAllReportsTheFirstRefusal() {
        assertTrue(ModelPolicy.of(null, " ").isAllowed("anything/at:all"));
        ModelPolicy.allowAll().check("x/y", "model");
        policy.check(null, "model");
        ModelNotAllowedException e = assertThrows(ModelNotAllowedException.class,
                () -> policy.checkAll(List.of("openai/gpt-5", "x/y"), "escalateModels"));
        assertEquals("x/y", e.getModel());
        assertEquals("escalateModels", e.getSource());
    }
}

package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.Optional;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health check llmrouter-credit against the emulator's GET /key. */
class ObservabilityHealthCheckTest extends EmulatorTestSupport {

    private HealthCheck.Result check(String minimum) {
        useHarness(c -> {
            c.getConfiguration().setApiKey(CamelHarness.API_KEY);
            c.getConfiguration().setBaseUrl(EMULATOR.baseUrl());
            c.setCreditHealthCheckMinimum(minimum == null ? null : new BigDecimal(minimum));
        }, null, EMULATOR.baseUrl());
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel.context);
        HealthCheck check = registry.getCheck(LlmRouterCreditHealthCheck.ID).orElseThrow();
        assertTrue(check.isReadiness());
        assertFalse(check.isLiveness());
        return check.call();
    }

    @Test
    void upWhenEnoughCreditRemains() {
        EMULATOR.emulator().keyLimit(new BigDecimal("10"));
        HealthCheck.Result result = check("5");
        assertEquals(HealthCheck.State.UP, result.getState(), result.getMessage().orElse(""));
        assertEquals(0, new BigDecimal("10").compareTo((BigDecimal) result.getDetails().get("limit")));
        assertEquals(0, new BigDecimal("10").compareTo((BigDecimal) result.getDetails().get("remaining")));
        assertEquals(0, BigDecimal.ZERO.compareTo((BigDecimal) result.getDetails().get("usage")));
    }

    @Test
    void downBelowTheMinimum() {
        EMULATOR.emulator().keyLimit(new BigDecimal("1"));
        HealthCheck.Result result = check("5");
        assertEquals(HealthCheck.State.DOWN, result.getState());
        assertTrue(result.getMessage().orElseThrow().contains("below the minimum of $5"),
                result.getMessage().orElse(""));
        assertEquals(0, BigDecimal.ONE.compareTo((BigDecimal) result.getDetails().get("remaining")));
    }

    @Test
    void downWhenNothingRemainsAndUpWithoutALimit() {
        EMULATOR.emulator().keyLimit(BigDecimal.ZERO);
        assertEquals(HealthCheck.State.DOWN, check(null).getState());

        EMULATOR.emulator().keyLimit(null);
        HealthCheck.Result result = check("5");
        assertEquals(HealthCheck.State.UP, result.getState());
        assertFalse(result.getDetails().containsKey("limit"));
    }

    @Test
    void downWithTheErrorButNeverTheKey() {
        EMULATOR.emulator().keyLimit(new BigDecimal("10"));
        EMULATOR.emulator().requireApiKey("sk-or-another-key");
        HealthCheck.Result result = check("5");
        assertEquals(HealthCheck.State.DOWN, result.getState());
        String message = result.getMessage().orElseThrow();
        assertTrue(message.startsWith("GET /key failed: "), message);
        assertFalse(message.contains(CamelHarness.API_KEY), message);
        assertFalse(String.valueOf(result.getDetails()).contains(CamelHarness.API_KEY));
    }

    @Test
    void downWhenTheServerIsUnreachable() {
        useHarness(c -> {
            c.getConfiguration().setApiKey(CamelHarness.API_KEY);
            c.getConfiguration().setBaseUrl("http://127.0.0.1:1/api/v1");
        }, null, "http://127.0.0.1:1/api/v1");
        HealthCheck.Result result = HealthCheckRegistry.get(camel.context)
                .getCheck(LlmRouterCreditHealthCheck.ID).orElseThrow().call();
        assertEquals(HealthCheck.State.DOWN, result.getState());
    }

    @Test
    void registeredOnlyWhenEnabledAndAKeyIsKnownAndRemovedOnStop() {
        useHarness(c -> c.getConfiguration().setBaseUrl(EMULATOR.baseUrl()), null, EMULATOR.baseUrl());
        assertEquals(Optional.empty(), HealthCheckRegistry.get(camel.context).getCheck(LlmRouterCreditHealthCheck.ID));

        useHarness(c -> {
            c.getConfiguration().setApiKey(CamelHarness.API_KEY);
            c.setCreditHealthCheckEnabled(false);
        }, null, EMULATOR.baseUrl());
        assertEquals(Optional.empty(), HealthCheckRegistry.get(camel.context).getCheck(LlmRouterCreditHealthCheck.ID));

        // the environment's key counts for OpenRouter's address only
        useHarness(c -> c.setEnvironment(n -> LlmRouterEndpoint.ENV_API_KEY.equals(n) ? "sk-or-env" : null),
                null, EMULATOR.baseUrl());
        assertTrue(HealthCheckRegistry.get(camel.context).getCheck(LlmRouterCreditHealthCheck.ID).isPresent());

        camel.component.stop();
        assertEquals(Optional.empty(), HealthCheckRegistry.get(camel.context).getCheck(LlmRouterCreditHealthCheck.ID));
    }
}

package dev.llmrouter.camel;

import dev.llmrouter.test.RecordedCall;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Where the key comes from and where it goes. The emulator plays an HTTP proxy, so a request addressed to
 * openrouter.ai is answered on loopback and nothing leaves the machine.
 */
class ApiKeyTest extends EmulatorTestSupport {

    private static final String ENV_KEY = "sk-or-from-environment-91c2";

    @Test
    void theEnvironmentKeyIsUsedForOpenRouterOverHttps() throws Exception {
        useHarness(c -> c.setEnvironment(name -> LlmRouterEndpoint.ENV_API_KEY.equals(name) ? ENV_KEY : null), null,
                EMULATOR.baseUrl());
        LlmRouterEndpoint endpoint = camel.context.getEndpoint(
                "llmrouter:chat?model=openai/gpt-4o-mini&baseUrl=https://openrouter.ai/api/v1", LlmRouterEndpoint.class);
        endpoint.start();
        // nothing is sent: the endpoint's client holds the environment's key for openrouter.ai
        assertEquals(ENV_KEY, endpoint.client().target().apiKey());
    }

    @Test
    void theEnvironmentKeyNeverGoesOverPlainHttp() {
        useHarness(c -> {
            c.setEnvironment(name -> LlmRouterEndpoint.ENV_API_KEY.equals(name) ? ENV_KEY : null);
            c.setProxyHost("127.0.0.1");
            c.setProxyPort(EMULATOR.port());
        }, null, EMULATOR.baseUrl());
        Exchange ex = camel.send("llmrouter:chat?model=openai/gpt-4o-mini&baseUrl=http://openrouter.ai/api/v1"
                                 + "&maxRetries=0", "Hi");
        assertNotNull(ex.getException());
        RecordedCall call = EMULATOR.emulator().lastRequest();
        assertEquals("openrouter.ai", call.header("Host"));
        assertNull(call.header("Authorization"));
    }

    @Test
    void theEnvironmentKeyNeverGoesToAnotherServer() {
        useHarness(c -> c.setEnvironment(name -> LlmRouterEndpoint.ENV_API_KEY.equals(name) ? ENV_KEY : null),
                null, EMULATOR.baseUrl());
        Exchange ex = camel.send("llmrouter:chat?model=openai/gpt-4o-mini&baseUrl=" + EMULATOR.baseUrl(), "Hi");
        // the emulator accepts any key but refuses none: 401 here means no Authorization header at all
        assertEquals(401, ((dev.llmrouter.camel.error.LlmRouterException) ex.getException()).getStatusCode());
        assertNull(EMULATOR.emulator().lastRequest().header("Authorization"));
    }

    @Test
    void anExplicitKeyWinsOverTheEnvironment() {
        useHarness(c -> {
            c.setEnvironment(name -> ENV_KEY);
            c.setProxyHost("127.0.0.1");
            c.setProxyPort(EMULATOR.port());
        }, null, EMULATOR.baseUrl());
        camel.send("llmrouter:chat?model=openai/gpt-4o-mini&apiKey=RAW(" + CamelHarness.API_KEY
                   + ")&baseUrl=http://openrouter.ai/api/v1", "Hi");
        assertEquals("Bearer " + CamelHarness.API_KEY, EMULATOR.emulator().lastRequest().header("Authorization"));
    }
}

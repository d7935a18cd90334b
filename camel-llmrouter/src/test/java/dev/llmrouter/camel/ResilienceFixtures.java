package dev.llmrouter.camel;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmrouter.camel.error.Attempt;
import org.apache.camel.Exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** Small helpers shared by the Resilience*Test classes. */
final class ResilienceFixtures {

    static final String CHEAP = "anthropic/claude-haiku-4.5";
    static final String STRONG = "anthropic/claude-sonnet-4.5";
    static final String MINI = "openai/gpt-4o-mini";

    private ResilienceFixtures() {
    }

    /** A started WireMock server on loopback. */
    static WireMockServer wireMock() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    static String baseUrl(WireMockServer server) {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** An OpenAI-style chat completion answer. */
    static ResponseDefinitionBuilder completion(String model, String content, String cost) {
        String body = "{\"id\":\"gen-wm-1\",\"object\":\"chat.completion\",\"model\":\"" + model + "\","
                      + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                      + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"}}],"
                      + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5"
                      + (cost == null ? "" : ",\"cost\":" + cost) + "}}";
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static LlmRouterTarget target(String baseUrl, String dialect, String apiKey) {
        LlmRouterTarget t = new LlmRouterTarget();
        t.setBaseUrl(baseUrl);
        t.setDialect(dialect == null ? null : LlmRouterDialect.valueOf(dialect));
        t.setApiKey(apiKey);
        return t;
    }

    @SuppressWarnings("unchecked")
    static List<Attempt> attempts(Exchange ex) {
        return (List<Attempt>) ex.getMessage().getHeader(LlmRouterConstants.ATTEMPTS, List.class);
    }

    static List<String> targets(List<Attempt> attempts) {
        return attempts.stream().map(Attempt::target).toList();
    }

    static List<Attempt.Outcome> outcomes(List<Attempt> attempts) {
        return attempts.stream().map(Attempt::outcome).toList();
    }

    static List<Integer> statuses(List<Attempt> attempts) {
        return attempts.stream().map(Attempt::status).toList();
    }

    static List<Long> waits(List<Attempt> attempts) {
        return attempts.stream().map(Attempt::waitedMs).toList();
    }

    /** The innermost cause. */
    static Throwable root(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }
}

package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.llmrouter.camel.protocol.Dialect;
import dev.llmrouter.camel.protocol.OpenRouterClient;
import dev.llmrouter.camel.protocol.ResultCallback;
import dev.llmrouter.camel.protocol.Target;
import dev.llmrouter.camel.support.RoutingAssembly;
import dev.llmrouter.camel.wire.KeyInfo;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Health check {@code llmrouter-credit} (readiness): asks {@code GET /key} what remains of the API key's credit
 * limit and reports DOWN when it is below the component's {@code creditHealthCheckMinimum} (or nothing remains),
 * UP otherwise; a key without a limit is UP. A failed call is DOWN with the error's message (never the key).
 * <p>
 * Only touches types of camel-api, so it needs no dependency beyond the component's; Camel runs health checks
 * only when camel-health is present.
 */
public final class LlmRouterCreditHealthCheck extends LlmRouterHealthCheckSupport {

    public static final String ID = "llmrouter-credit";
    /** How long a check waits for {@code GET /key} at most. */
    public static final Duration WAIT = Duration.ofSeconds(5);

    private final OpenRouterClient client;
    private final String apiKey;
    private final BigDecimal minimum;
    private final Duration wait;

    public LlmRouterCreditHealthCheck(LlmRouterComponent component, URI baseUrl, String apiKey, BigDecimal minimum,
                               Duration wait) {
        super(ID);
        this.apiKey = apiKey;
        this.minimum = minimum;
        this.wait = wait;
        Target target = new Target(RoutingAssembly.DEFAULT_TARGET, baseUrl, apiKey, Dialect.OPENROUTER, null, wait, null);
        this.client = new OpenRouterClient(component.runtime()::transport, target, Map.of(), wait, Clock.systemUTC());
    }


    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        if (minimum != null) {
            builder.detail("minimum", minimum);
        }
        KeyInfo info;
        try {
            info = fetch();
        } catch (RuntimeException e) {
            return builder.down().message("GET /key failed: " + redact(e.getMessage())).build();
        }
        if (info == null) {
            return builder.down().message("GET /key answered without data").build();
        }
        if (info.limit() != null) {
            builder.detail("limit", info.limit());
        }
        if (info.limitRemaining() != null) {
            builder.detail("remaining", info.limitRemaining());
        }
        if (info.usage() != null) {
            builder.detail("usage", info.usage());
        }
        if (info.limit() == null) {
            return builder.up().message("The API key has no credit limit").build();
        }
        BigDecimal remaining = info.limitRemaining() == null ? BigDecimal.ZERO : info.limitRemaining();
        if (remaining.signum() <= 0) {
            return builder.down().message("No credit remains of the API key's limit of $" + info.limit().toPlainString())
                    .build();
        }
        if (minimum != null && remaining.compareTo(minimum) < 0) {
            return builder.down().message("$" + remaining.toPlainString() + " of the API key's credit remains, below"
                                          + " the minimum of $" + minimum.toPlainString()).build();
        }
        return builder.up().build();
    }

    private KeyInfo fetch() {
        CompletableFuture<KeyInfo> result = new CompletableFuture<>();
        client.call("/key", null, KeyInfo.Envelope.class, new ResultCallback<>() {
            @Override
            public void onSuccess(KeyInfo.Envelope envelope) {
                result.complete(envelope == null ? null : envelope.data());
            }

            @Override
            public void onFailure(RuntimeException failure) {
                result.completeExceptionally(failure);
            }
        });
        try {
            return result.get(wait.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(String.valueOf(cause), cause);
        }
    }

    /** Messages never contain the key; this makes sure of it. */
    private String redact(String message) {
        if (message == null) {
            return "unknown error";
        }
        return apiKey == null || apiKey.isEmpty() ? message : message.replace(apiKey, "xxxxxx");
    }

    @Override
    public String toString() {
        return "LlmRouterCreditHealthCheck[" + ID + "]";
    }
}

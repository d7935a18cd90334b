package dev.llmrouter.camel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.llmrouter.camel.producer.ExchangeCompletion;
import dev.llmrouter.camel.producer.LlmRouterBinding;
import dev.llmrouter.camel.producer.OperationProducer;
import dev.llmrouter.camel.wire.GenerationInfo;
import dev.llmrouter.camel.wire.KeyInfo;
import dev.llmrouter.camel.wire.ModelInfo;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * Operations {@code models}, {@code key} and {@code generation}: one GET call to OpenRouter's account API each,
 * not routed and not governed; the body becomes the answer's {@code data}.
 */
public class LlmRouterAccountProducer extends OperationProducer {

    private final LlmRouterOperation operation;

    public LlmRouterAccountProducer(LlmRouterEndpoint endpoint, LlmRouterOperation operation) {
        super(endpoint);
        this.operation = operation;
    }

    @Override
    protected void start(Exchange exchange, AsyncCallback callback) {
        switch (operation) {
            case models -> endpoint.client().call("/models", null, ModelInfo.ListResponse.class,
                    ExchangeCompletion.applying(exchange, callback, r -> exchange.getMessage().setBody(r.data())));
            case key -> endpoint.client().call("/key", null, KeyInfo.Envelope.class,
                    ExchangeCompletion.applying(exchange, callback, r -> exchange.getMessage().setBody(r.data())));
            case generation -> generation(exchange, callback);
            default -> throw new IllegalStateException("Operation " + operation + " is not an account call");
        }
    }

    private void generation(Exchange exchange, AsyncCallback callback) {
        String id = LlmRouterBinding.generationId(exchange.getMessage());
        if (id == null) {
            throw invalid("Operation generation needs a generation id in header "
                          + LlmRouterConstants.GENERATION_ID + " or as a String body");
        }
        endpoint.client().call("/generation?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8), null,
                GenerationInfo.Envelope.class,
                ExchangeCompletion.applying(exchange, callback, r -> exchange.getMessage().setBody(r.data())));
    }
}

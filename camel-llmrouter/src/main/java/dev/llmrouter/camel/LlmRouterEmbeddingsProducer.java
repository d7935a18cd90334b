package dev.llmrouter.camel;

import java.io.InputStream;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.llmrouter.camel.producer.ExchangeCompletion;
import dev.llmrouter.camel.producer.LlmRouterBinding;
import dev.llmrouter.camel.producer.OperationProducer;
import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.camel.usage.UsageRecord;
import dev.llmrouter.camel.wire.EmbeddingsRequest;
import dev.llmrouter.camel.wire.EmbeddingsResponse;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operation {@code embeddings}: posts a String or a List of Strings with the endpoint's model; the body becomes one
 * {@code float[]} for a String, or a list of them in input order for a list.
 */
public class LlmRouterEmbeddingsProducer extends OperationProducer {

    private static final Logger LOG = LoggerFactory.getLogger(LlmRouterEmbeddingsProducer.class);

    public LlmRouterEmbeddingsProducer(LlmRouterEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    protected void start(Exchange exchange, AsyncCallback callback) {
        Message message = exchange.getMessage();
        // the model comes from the endpoint only: a CamelLlmRouterModel header set for a chat step earlier in the
        // route must not pick the embeddings model
        String model = endpoint.getConfiguration().getModel();
        if (model == null || model.isBlank()) {
            throw invalid("Operation embeddings needs option model");
        }
        Object body = body(message);
        Object input;
        boolean single;
        if (body instanceof CharSequence text && !text.toString().isBlank()) {
            input = text.toString();
            single = true;
        } else if (body instanceof List<?> list && !list.isEmpty()) {
            List<String> texts = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof CharSequence)) {
                    throw invalid("Operation embeddings takes a String or a List of Strings; the list holds "
                                  + (o == null ? "null" : o.getClass().getName()));
                }
                texts.add(o.toString());
            }
            input = texts;
            single = false;
        } else {
            throw invalid("Operation embeddings takes a non-empty String or List of Strings, not "
                          + (body == null ? "null" : body.getClass().getName()));
        }
        EmbeddingsRequest request = new EmbeddingsRequest(model, input, endpoint.getConfiguration().getDimensions(),
                null, endpoint.getConfiguration().getUser());
        long started = System.nanoTime();
        endpoint.client().call("/embeddings", request, EmbeddingsResponse.class,
                new ExchangeCompletion<EmbeddingsResponse>(exchange, callback, null, r -> {
                    Message out = exchange.getMessage();
                    LlmRouterBinding.set(out, LlmRouterConstants.RESPONSE_MODEL, r.model());
                    LlmRouterBinding.usage(out, r.usage());
                    List<float[]> vectors = new ArrayList<>();
                    if (r.data() != null) {
                        r.data().stream()
                                .sorted((a, b) -> Integer.compare(a.index() == null ? 0 : a.index(),
                                        b.index() == null ? 0 : b.index()))
                                .forEach(e -> vectors.add(e.embedding()));
                    }
                    out.setBody(single ? (vectors.isEmpty() ? null : vectors.get(0)) : vectors);
                }) {
                    @Override
                    protected void served(EmbeddingsResponse result, Throwable unusable) {
                        report(exchange, model, result, unusable, started);
                    }

                    @Override
                    public void onFailure(RuntimeException failure) {
                        report(exchange, model, null, failure, started);
                        super.onFailure(failure);
                    }
                });
    }

    /**
     * Tells the observers that take embeddings calls (the GenAI meters) how the call ended; the usage log and the
     * llmrouter meters do not count embeddings.
     */
    private void report(Exchange exchange, String model, EmbeddingsResponse r, Throwable failure, long started) {
        try {
            Integer prompt = r == null || r.usage() == null ? null : r.usage().promptTokens();
            UsageRecord record = new UsageRecord(Instant.now(), exchange.getFromRouteId(), null,
                    r == null ? null : r.model(), r == null ? null : r.provider(), null, prompt, null, null, null,
                    r == null || r.usage() == null ? null : r.usage().cost(), r == null ? null : r.id(), null, false,
                    failure == null ? "ok" : "error");
            endpoint.getComponent().runtime().publishEmbeddings(new CallEvent(record,
                    LlmRouterOperation.embeddings.name(), model, null,
                    failure == null ? null : failure.getClass().getSimpleName(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), List.of(), false, null, null,
                    endpoint.dialectOf(null)));
        } catch (RuntimeException e) {
            LOG.warn("Reporting the embeddings call failed: {}", e.toString());
        }
    }

    /**
     * The body of an embeddings call: Strings and lists as they are; streams, byte arrays and files read as text;
     * anything else passed on to be refused with a clear message. (Chat bodies go through {@code ChatBody}.)
     */
    private static Object body(Message message) {
        Object body = message.getBody();
        if (body instanceof byte[] || body instanceof InputStream || body instanceof Reader
            || body instanceof StreamCache || body instanceof WrappedFile<?>) {
            return message.getBody(String.class);
        }
        return body;
    }
}

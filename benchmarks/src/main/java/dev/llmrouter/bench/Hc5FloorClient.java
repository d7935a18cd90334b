package dev.llmrouter.bench;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The floor of the per-call table: the least a Java client can do for this call. One pooled Apache HttpClient 5
 * async client (the I/O reactor with one thread per CPU, a connection pool as large as the highest concurrency),
 * the request body serialised once up front, the answer parsed by Jackson into a small record on the I/O thread
 * that read it. No executor hand-off, no thread per call, no tree.
 */
final class Hc5FloorClient implements BenchClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(List<Choice> choices, Usage usage) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Message message) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Usage(long total_tokens) {
    }

    private static final ObjectReader READER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readerFor(Answer.class);

    private final String name;
    private final CloseableHttpAsyncClient client;
    private final URI uri;
    private final byte[] body;

    Hc5FloorClient(String name, String baseUrl, int maxConnections) {
        this.name = name;
        this.uri = URI.create(baseUrl + "/chat/completions");
        try {
            this.body = FloorClient.MAPPER.writeValueAsBytes(new FloorClient.Request(MODEL,
                    List.of(new FloorClient.Message("system", SYSTEM), new FloorClient.Message("user", PROMPT)),
                    TEMPERATURE, MAX_TOKENS, false));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10)).build())
                .build();
        this.client = HttpAsyncClients.custom().setConnectionManager(pool)
                .setIOReactorConfig(IOReactorConfig.custom().setTcpNoDelay(true).build())
                .setThreadFactory(new DefaultThreadFactory("hc5-io", true))
                .disableAutomaticRetries().disableCookieManagement().disableAuthCaching().disableRedirectHandling()
                .build();
        this.client.start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Done done) {
        SimpleHttpRequest request = SimpleRequestBuilder.post(uri)
                .addHeader("Authorization", "Bearer " + API_KEY)
                .setBody(body, ContentType.APPLICATION_JSON).build();
        client.execute(request, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                try {
                    if (response.getCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.getCode());
                    }
                    Answer answer = READER.readValue(response.getBodyBytes());
                    done.done(answer.choices().get(0).message().content(), answer.usage().total_tokens(), null);
                } catch (Exception e) {
                    done.done(null, 0, e);
                }
            }

            @Override
            public void failed(Exception e) {
                done.done(null, 0, e);
            }

            @Override
            public void cancelled() {
                done.done(null, 0, new IllegalStateException("cancelled"));
            }
        });
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}

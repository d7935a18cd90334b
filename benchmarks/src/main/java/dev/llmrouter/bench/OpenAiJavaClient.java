package dev.llmrouter.bench;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.ClientOptions;
import com.openai.core.http.HttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import okhttp3.ConnectionPool;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * openai-java 4.x (the SDK camel-openai uses), asynchronous client on its default OkHttp transport.
 *
 * <p>Its builder offers no way to size OkHttp's connection pool, which keeps at most 5 idle connections: at a
 * concurrency above 5, connections are closed and opened again all the time. The fair configuration therefore
 * builds the same OkHttp adapter the SDK builds, around an OkHttpClient whose pool holds {@code poolSize} idle
 * connections (dispatcher limits as the SDK sets them). The SDK also prepares each request (parameter objects, JSON)
 * on the thread that calls {@code create}, which makes one issuing thread its limit; the fair configuration issues
 * from a pool of 4 threads. The default configuration is the SDK's builder as it is, called from the issuing thread.
 */
final class OpenAiJavaClient implements BenchClient {

    private final String name;
    private final OpenAIClientAsync client;
    private final java.util.concurrent.ExecutorService issuers;

    OpenAiJavaClient(String baseUrl, int poolSize) throws Exception {
        this.name = poolSize > 0 ? "openai-java" : "openai-java (defaults)";
        this.issuers = poolSize > 0 ? BenchClient.fixedPool("openai-issuer", 4) : null;
        if (poolSize <= 0) {
            this.client = OpenAIOkHttpClientAsync.builder().baseUrl(baseUrl).apiKey(API_KEY).maxRetries(0).build();
            return;
        }
        okhttp3.OkHttpClient ok = new okhttp3.OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofMinutes(3))
                .writeTimeout(Duration.ofMinutes(3))
                .connectionPool(new ConnectionPool(poolSize, 5, TimeUnit.MINUTES))
                .build();
        ok.dispatcher().setMaxRequests(Math.max(64, poolSize));
        ok.dispatcher().setMaxRequestsPerHost(Math.max(64, poolSize));
        // the SDK's own adapter (com.openai.client.okhttp.OkHttpClient) has a private constructor taking the OkHttpClient
        Class<?> adapter = Class.forName("com.openai.client.okhttp.OkHttpClient");
        Constructor<?> constructor = adapter.getDeclaredConstructor(okhttp3.OkHttpClient.class);
        constructor.setAccessible(true);
        HttpClient http = (HttpClient) constructor.newInstance(ok);
        this.client = new OpenAIClientAsyncImpl(ClientOptions.builder().httpClient(http).baseUrl(baseUrl)
                .apiKey(API_KEY).maxRetries(0).build());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Done done) {
        if (issuers != null) {
            issuers.execute(() -> create(done));
        } else {
            create(done);
        }
    }

    private void create(Done done) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addSystemMessage(SYSTEM)
                .addUserMessage(PROMPT)
                .temperature(TEMPERATURE)
                .maxTokens(MAX_TOKENS)
                .build();
        client.chat().completions().create(params).whenComplete((completion, failure) -> {
            if (failure != null) {
                done.done(null, 0, failure);
                return;
            }
            try {
                done.done(completion.choices().get(0).message().content().orElse(null),
                        completion.usage().map(u -> u.totalTokens()).orElse(0L), null);
            } catch (RuntimeException e) {
                done.done(null, 0, e);
            }
        });
    }

    @Override
    public void close() {
        client.close();
        if (issuers != null) {
            issuers.shutdownNow();
        }
    }
}

package dev.llmrouter.bench;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;

/**
 * LangChain4j 1.x's OpenAI chat model (the one camel-langchain4j-chat wraps). Its chat call blocks, so calls run on
 * a fixed pool of {@code threads} threads started up front, as a route with that many concurrent consumers would.
 *
 * <p>The fair configuration gives its JDK HttpClient HTTP/1.1 and an explicit executor, as the floor has; the
 * default configuration leaves the client as LangChain4j builds it (HTTP/2 first, which over plain HTTP means an
 * h2c upgrade offer on each new connection, and the client's own cached thread pool).
 */
final class LangChain4jClient implements BenchClient {

    private final String name;
    private final OpenAiChatModel model;
    private final ExecutorService callers;
    private final ExecutorService httpExecutor;

    LangChain4jClient(String baseUrl, int threads, boolean tuned) {
        this.name = tuned ? "langchain4j" : "langchain4j (defaults)";
        this.callers = BenchClient.fixedPool("lc4j-caller", threads);
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(API_KEY)
                .modelName(MODEL)
                .temperature(TEMPERATURE)
                .maxTokens(MAX_TOKENS)
                .maxRetries(0);
        if (tuned) {
            this.httpExecutor = BenchClient.fixedPool("lc4j-http", 4);
            builder.httpClientBuilder(JdkHttpClient.builder().httpClientBuilder(
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpExecutor)));
        } else {
            this.httpExecutor = null;
        }
        this.model = builder.build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Done done) {
        callers.execute(() -> {
            ChatResponse response;
            try {
                response = model.chat(ChatRequest.builder()
                        .messages(SystemMessage.from(SYSTEM), UserMessage.from(PROMPT))
                        .build());
            } catch (RuntimeException e) {
                done.done(null, 0, e);
                return;
            }
            done.done(response.aiMessage().text(), response.tokenUsage().totalTokenCount(), null);
        });
    }

    @Override
    public void close() {
        callers.shutdownNow();
        if (httpExecutor != null) {
            httpExecutor.shutdownNow();
        }
    }
}

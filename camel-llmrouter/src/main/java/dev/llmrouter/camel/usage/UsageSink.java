package dev.llmrouter.camel.usage;

/**
 * Where usage records go. Implementations are thread-safe; {@link #close()} writes out everything accepted.
 */
public interface UsageSink extends AutoCloseable {

    /** Records one call. Must not lose the record once it returns normally, even if closed right after. */
    void accept(UsageRecord record);

    /** Writes out anything buffered. */
    default void flush() {
    }

    /** Flushes and releases resources; later {@link #accept} calls fail. */
    @Override
    void close();
}

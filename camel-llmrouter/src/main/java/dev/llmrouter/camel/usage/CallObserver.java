package dev.llmrouter.camel.usage;

/**
 * Receives every finished call (usage log, meters, console statistics). Called on the thread that completes the
 * exchange, so implementations must be quick and must not throw; anything slow belongs on their own executor.
 */
@FunctionalInterface
public interface CallObserver {

    void onCall(CallEvent event);

    /**
     * Whether this observer is also told about embeddings calls (operation {@code embeddings}). False by default:
     * the usage log, the statistics and the {@code llmrouter.*} meters count chat calls only.
     */
    default boolean observesEmbeddings() {
        return false;
    }
}

package dev.llmrouter.camel.wire;

/** Field-level defaulting shared by the request records. */
final class Merge {

    private Merge() {
    }

    static <T> T first(T value, T fallback) {
        return value != null ? value : fallback;
    }
}

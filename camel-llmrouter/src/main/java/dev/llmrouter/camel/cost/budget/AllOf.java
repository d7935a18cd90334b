package dev.llmrouter.camel.cost.budget;

import java.util.function.Consumer;

/**
 * Runs one action on every item of a set of reservations, even when it fails for some: a release or a settlement
 * that fails for one level must not leave the other levels held. Internal, for the ledgers and the cost governor.
 */
public final class AllOf {

    private AllOf() {
    }

    /**
     * Applies {@code action} to every non-null item, then throws the first failure (if any) with the later ones
     * suppressed in it.
     */
    public static <T> void apply(Iterable<T> items, Consumer<? super T> action) {
        RuntimeException first = null;
        for (T item : items) {
            if (item == null) {
                continue;
            }
            try {
                action.accept(item);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

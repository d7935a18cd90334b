package dev.llmrouter.test;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A requested model slug split into the catalog id and its routing variant: {@code :nitro}, {@code :floor},
 * {@code :online}, {@code :exacto} and {@code :thinking} are variants; {@code :free} belongs to the id.
 *
 * @param requested the slug as sent
 * @param id        the catalog id
 * @param variants  the variant suffixes found (without colon)
 */
record ModelSlug(String requested, String id, Set<String> variants) {

    private static final Set<String> VARIANTS = Set.of("nitro", "floor", "online", "exacto", "thinking");

    static ModelSlug parse(String requested) {
        String id = requested.trim();
        Set<String> found = new LinkedHashSet<>();
        while (true) {
            int colon = id.lastIndexOf(':');
            if (colon < 0 || !VARIANTS.contains(id.substring(colon + 1))) {
                break;
            }
            found.add(id.substring(colon + 1));
            id = id.substring(0, colon);
        }
        return new ModelSlug(requested, id, Set.copyOf(found));
    }

    boolean has(String variant) {
        return variants.contains(variant);
    }
}

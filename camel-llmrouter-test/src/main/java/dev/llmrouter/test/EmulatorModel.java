package dev.llmrouter.test;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One model of the emulator's catalog.
 *
 * @param id            the model slug, e.g. {@code anthropic/claude-haiku-4.5} ({@code :free} is part of an id)
 * @param name          display name
 * @param contextLength context window in tokens
 * @param providers     the providers serving it, in default routing order; the first one prices {@code /models}
 * @param reasoning     whether it is a reasoning model: it then answers with {@code reasoning} and
 *                      {@code reasoning_details} unless the request turns reasoning off or excludes it
 */
public record EmulatorModel(String id, String name, int contextLength, List<EmulatorProvider> providers,
        boolean reasoning) {

    /**
     * Validates the id, defaults the name to the id and makes the provider list immutable.
     *
     * @param id the model slug
     * @param name display name, null for the id
     * @param contextLength context window in tokens
     * @param providers the providers, null for none
     * @param reasoning whether it is a reasoning model
     */
    public EmulatorModel {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        providers = providers == null ? List.of() : List.copyOf(providers);
    }

    /**
     * A model that does not reason unless asked to.
     *
     * @param id the model slug
     * @param name display name, null for the id
     * @param contextLength context window in tokens
     * @param providers the providers, null for none
     */
    public EmulatorModel(String id, String name, int contextLength, List<EmulatorProvider> providers) {
        this(id, name, contextLength, providers, false);
    }

    /**
     * A provider of this model by name or slug, ignoring case.
     *
     * @param nameOrSlug e.g. {@code "Amazon Bedrock"} or {@code "amazon-bedrock"}
     * @return the provider, if the model has it
     */
    public Optional<EmulatorProvider> provider(String nameOrSlug) {
        return providers.stream().filter(p -> p.matches(nameOrSlug)).findFirst();
    }

    /**
     * Whether this is an embeddings model (its id mentions "embed"); it then reports the
     * {@code embeddings} output modality in {@code /models}.
     *
     * @return true for embeddings models
     */
    public boolean embeddings() {
        return id.contains("embed");
    }

    /** The author part of the slug, e.g. {@code anthropic}. */
    String author() {
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }
}

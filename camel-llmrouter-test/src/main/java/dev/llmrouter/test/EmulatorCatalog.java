package dev.llmrouter.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The models and providers the {@link OpenRouterEmulator} knows, with their prices. Immutable:
 * {@link #with(EmulatorModel)} and {@link #without(String)} return new catalogs.
 *
 * <p>JSON form ({@link #toJson()}, {@link #fromJson(Path)}):
 * <pre>{"models":[{"id":"a/b","name":"B","context_length":8192,"providers":[{"name":"P",
 *   "prompt_price":"0.000001","completion_price":"0.000002","request_price":"0","image_price":"0",
 *   "web_search_price":"0","zdr":false,"collects_data":false,"quantization":"fp8"}]}]}</pre>
 * Prices are USD per token (per request, image or search for the other three); strings or numbers are accepted.
 */
public final class EmulatorCatalog {

    private static final String DEFAULT_RESOURCE = "default-catalog.json";
    private static volatile EmulatorCatalog defaults;

    private final List<EmulatorModel> models;

    private EmulatorCatalog(List<EmulatorModel> models) {
        this.models = List.copyOf(models);
    }

    /**
     * A catalog of the given models, in that order.
     *
     * @param models the models; ids should be unique (a later duplicate replaces an earlier one)
     * @return the catalog
     */
    public static EmulatorCatalog of(List<EmulatorModel> models) {
        EmulatorCatalog catalog = new EmulatorCatalog(List.of());
        for (EmulatorModel m : models) {
            catalog = catalog.with(m);
        }
        return catalog;
    }

    /**
     * A catalog of the given models, in that order.
     *
     * @param models the models
     * @return the catalog
     */
    public static EmulatorCatalog of(EmulatorModel... models) {
        return of(List.of(models));
    }

    /**
     * The built-in catalog (resource {@code dev/llmrouter/test/default-catalog.json}): Claude Haiku 4.5 and
     * Sonnet 4.5, GPT-4o mini, Llama 3.3 70B on three differently priced providers, a free Mistral Small and
     * an OpenAI embeddings model.
     *
     * @return the default catalog
     */
    public static EmulatorCatalog defaults() {
        EmulatorCatalog d = defaults;
        if (d == null) {
            try (InputStream in = EmulatorCatalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
                }
                d = fromJson(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaults = d;
        }
        return d;
    }

    /**
     * Reads a catalog from a JSON file.
     *
     * @param file the file
     * @return the catalog
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when it is not a valid catalog
     */
    public static EmulatorCatalog fromJson(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a catalog from a JSON stream (not closed here).
     *
     * @param in the stream
     * @return the catalog
     * @throws IllegalArgumentException when it is not a valid catalog
     */
    public static EmulatorCatalog fromJson(InputStream in) {
        try {
            return of(CatalogJson.read(Json.MAPPER.readTree(in)));
        } catch (IOException e) {
            throw new IllegalArgumentException("catalog is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * This catalog as pretty-printed JSON, readable by {@link #fromJson(InputStream)}.
     *
     * @return the JSON text
     */
    public String toJson() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(CatalogJson.write(models));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A catalog with the model added at the end, or replacing the model of the same id in place.
     *
     * @param model the model
     * @return a new catalog
     */
    public EmulatorCatalog with(EmulatorModel model) {
        Objects.requireNonNull(model, "model");
        List<EmulatorModel> copy = new ArrayList<>(models);
        int i = indexOf(model.id());
        if (i >= 0) {
            copy.set(i, model);
        } else {
            copy.add(model);
        }
        return new EmulatorCatalog(copy);
    }

    /**
     * A catalog without the model of that id.
     *
     * @param id the model id
     * @return a new catalog
     */
    public EmulatorCatalog without(String id) {
        List<EmulatorModel> copy = new ArrayList<>(models);
        copy.removeIf(m -> m.id().equals(id));
        return new EmulatorCatalog(copy);
    }

    /**
     * All models, in catalog order.
     *
     * @return an immutable list
     */
    public List<EmulatorModel> models() {
        return models;
    }

    /**
     * A model by exact id (suffixes such as {@code :nitro} are not stripped here).
     *
     * @param id the model id
     * @return the model, if present
     */
    public Optional<EmulatorModel> model(String id) {
        int i = indexOf(id);
        return i < 0 ? Optional.empty() : Optional.of(models.get(i));
    }

    private int indexOf(String id) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "EmulatorCatalog" + models.stream().map(EmulatorModel::id).toList();
    }
}

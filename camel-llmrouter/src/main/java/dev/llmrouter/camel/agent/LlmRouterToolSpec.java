package dev.llmrouter.camel.agent;

import java.util.Map;
import java.util.Objects;

/**
 * A route tool whose name, description or arguments are set explicitly: an element of option {@code tools} (in a
 * List bean) next to plain endpoint URIs and {@link LlmRouterTool} beans. What is left unset comes from the
 * endpoint and its route: the name from the URI's path ({@code direct:lookupOrder} is {@code lookupOrder}), the
 * description from the consuming route's {@code description()}, the arguments from a {@link LlmTool} class or an
 * open object schema.
 * <pre>
 * LlmRouterToolSpec.route("direct:lookupOrder").description("Finds an order by id").parameters(OrderQuery.class)
 * </pre>
 */
public final class LlmRouterToolSpec {

    private final String uri;
    private String name;
    private String description;
    private Class<?> parameterClass;
    private Map<String, Object> schema;

    private LlmRouterToolSpec(String uri) {
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** A tool that sends each call to this Camel endpoint. */
    public static LlmRouterToolSpec route(String uri) {
        return new LlmRouterToolSpec(uri);
    }

    /** The function name (1 to 64 letters, digits, {@code _} or {@code -}). */
    public LlmRouterToolSpec name(String name) {
        this.name = name;
        return this;
    }

    /** What the tool does, for the model. */
    public LlmRouterToolSpec description(String description) {
        this.description = description;
        return this;
    }

    /**
     * The arguments as a POJO class: its schema is derived as for {@code outputClass}, and the route receives an
     * instance of it as the body (instead of the JSON text).
     */
    public LlmRouterToolSpec parameters(Class<?> type) {
        this.parameterClass = type;
        this.schema = null;
        return this;
    }

    /** The arguments' JSON Schema as a map; the route receives the arguments as JSON text. */
    public LlmRouterToolSpec parameters(Map<String, Object> jsonSchema) {
        this.schema = jsonSchema;
        this.parameterClass = null;
        return this;
    }

    public String uri() {
        return uri;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Class<?> parameterClass() {
        return parameterClass;
    }

    public Map<String, Object> schema() {
        return schema;
    }

    @Override
    public String toString() {
        return "LlmRouterToolSpec[" + uri + (name == null ? "" : " as " + name) + "]";
    }
}

package dev.llmrouter.camel.agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;

/**
 * The tools of one endpoint: the executable entries of option {@code tools} ({@link LlmRouterTool} beans, endpoint
 * URIs and {@link LlmRouterToolSpec}s, the latter two as {@link RouteTool}s) and its tool sources. A loop takes a
 * {@link #snapshot()} when it starts, so one loop sees one list even while a source refreshes. The other entries of
 * {@code tools} (OpenAI definitions as maps or objects) are not here: they are sent as they are and not run.
 * Internal.
 */
public final class ToolCatalog {

    private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:\\S+$");
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final Pattern NOT_IN_NAME = Pattern.compile("[^A-Za-z0-9_-]");

    private final List<LlmRouterTool> fixed;
    private final Supplier<List<LlmRouterToolSource>> sources;
    private volatile Offered offered;

    /**
     * @param context  resolves the endpoints of route tools
     * @param entries  the elements of option {@code tools} (null for none); the non-executable ones are skipped
     * @param sources  the endpoint's tool sources, read at each snapshot
     * @param executor where route tools send their exchanges
     * @param schemas  the JSON Schema of a parameter class (as for option outputClass)
     */
    public ToolCatalog(CamelContext context, List<Object> entries, Supplier<List<LlmRouterToolSource>> sources,
                       Executor executor, Function<Class<?>, Map<String, Object>> schemas) {
        List<LlmRouterTool> tools = new ArrayList<>();
        for (Object e : entries == null ? List.of() : entries) {
            if (e instanceof LlmRouterTool t) {
                tools.add(t);
            } else if (e instanceof LlmRouterToolSpec || isEndpointUri(e)) {
                LlmRouterToolSpec spec = e instanceof LlmRouterToolSpec s ? s : LlmRouterToolSpec.route(e.toString());
                tools.add(new RouteTool(context, spec, executor, schemas));
            }
        }
        Map<String, LlmRouterTool> byName = new LinkedHashMap<>();
        for (LlmRouterTool t : tools) {
            checkName(t.name(), t);
            LlmRouterTool earlier = byName.put(t.name(), t);
            if (earlier != null) {
                throw new IllegalArgumentException("Invalid value for option tools: two tools are named '" + t.name()
                        + "' (" + earlier + " and " + t + "); give one an explicit name"
                        + " (LlmRouterToolSpec.name or @LlmTool(name))");
            }
        }
        this.fixed = List.copyOf(tools);
        this.sources = sources;
    }

    /** {@code name} with each character a function name cannot have replaced by {@code _}, cut to 64. */
    static String sanitize(String name) {
        String n = NOT_IN_NAME.matcher(name).replaceAll("_");
        return n.length() > 64 ? n.substring(0, 64) : n;
    }

    private static void checkName(String name, Object tool) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid value for option tools: the tool name '" + name + "' of "
                    + tool + " must be 1 to 64 letters, digits, _ or -");
        }
    }

    /** Whether an element of option {@code tools} is run by the loop (else it is an OpenAI definition sent as is). */
    public static boolean isExecutable(Object entry) {
        return entry instanceof LlmRouterTool || entry instanceof LlmRouterToolSpec || isEndpointUri(entry);
    }

    private static boolean isEndpointUri(Object entry) {
        return entry instanceof CharSequence s && URI.matcher(s.toString().trim()).matches();
    }

    /** The elements of option {@code tools} that are sent as they are (null when none). */
    public static List<Object> passThrough(List<Object> entries) {
        if (entries == null || entries.isEmpty()) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (Object e : entries) {
            if (!isExecutable(e)) {
                out.add(e);
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** Whether option {@code tools} had executable entries. */
    public boolean hasFixedTools() {
        return !fixed.isEmpty();
    }

    /** Resolves the route tools' endpoints and starts their producers. */
    public void start() throws Exception {
        for (LlmRouterTool t : fixed) {
            if (t instanceof RouteTool r) {
                r.start();
            }
        }
    }

    public void stop() {
        for (LlmRouterTool t : fixed) {
            if (t instanceof RouteTool r) {
                r.stop();
            }
        }
    }

    /**
     * The tools available now: the fixed ones, then each source's (a source's tool whose name is taken by an
     * earlier tool is left out).
     */
    public Snapshot snapshot() {
        Map<String, LlmRouterTool> byName = new LinkedHashMap<>();
        for (LlmRouterTool t : fixed) {
            byName.put(t.name(), t);
        }
        for (LlmRouterToolSource source : sources.get()) {
            for (LlmRouterTool t : source.tools()) {
                byName.putIfAbsent(t.name(), t);
            }
        }
        return new Snapshot(Collections.unmodifiableMap(byName), List.copyOf(definitions(byName.values())));
    }

    /**
     * The request's {@code tools} with the definitions of this catalog's tools after them, for an endpoint that
     * offers its executable tools without running them (autoToolExecution=false). While no tool source adds a
     * tool, the list is built once per distinct {@code planned} list (the endpoint's own option value is one list)
     * and shared: the fixed tools' definitions are read on the first call, after the endpoint started.
     *
     * @param planned the planned request's tools (null for none)
     */
    public List<Object> offered(List<Object> planned) {
        List<LlmRouterToolSource> current = sources.get();
        if (current.isEmpty()) {
            Offered last = offered;
            if (last != null && last.planned == planned) {
                return last.all;
            }
        }
        List<Object> all = new ArrayList<>();
        if (planned != null) {
            all.addAll(planned);
        }
        all.addAll(current.isEmpty() ? definitions(fixed) : snapshot().definitions());
        List<Object> shared = Collections.unmodifiableList(all);
        if (current.isEmpty()) {
            offered = new Offered(planned, shared);
        }
        return shared;
    }

    /** The tools' definitions in OpenAI's tools shape, in order. */
    private static List<Object> definitions(Collection<LlmRouterTool> tools) {
        List<Object> definitions = new ArrayList<>(tools.size());
        for (LlmRouterTool t : tools) {
            definitions.add(RouteTool.definition(t));
        }
        return definitions;
    }

    /** The last list {@link #offered} built, and the planned list it was built for (compared by identity). */
    private record Offered(List<Object> planned, List<Object> all) {
    }

    /**
     * The tools one loop runs with.
     *
     * @param tools       by function name, in order
     * @param definitions their definitions in OpenAI's tools shape, in the same order
     */
    public record Snapshot(Map<String, LlmRouterTool> tools, List<Object> definitions) {
    }
}

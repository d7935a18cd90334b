package dev.llmrouter.camel.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which tools of a source are offered: names or globs ({@code *} any run of characters, {@code ?} one character),
 * matched against the whole tool name, case-sensitively. An empty filter lets every tool through. Internal.
 */
public final class ToolFilter {

    /** The filter that lets every tool through. */
    public static final ToolFilter ALL = new ToolFilter(List.of(), List.of(), null);

    private final List<String> globs;
    private final List<Pattern> patterns;
    /** A second filter a name must pass too (see {@link #and}), or null. */
    private final ToolFilter also;

    private ToolFilter(List<String> globs, List<Pattern> patterns, ToolFilter also) {
        this.globs = globs;
        this.patterns = patterns;
        this.also = also;
    }

    /** A filter from a comma-separated list of names or globs; blank entries are ignored, null or blank: ALL. */
    public static ToolFilter parse(String list) {
        if (list == null || list.isBlank()) {
            return ALL;
        }
        List<String> globs = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                globs.add(part.trim());
            }
        }
        return of(globs);
    }

    /** A filter from names or globs; empty: ALL. */
    public static ToolFilter of(List<String> globs) {
        if (globs.isEmpty()) {
            return ALL;
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String g : globs) {
            patterns.add(compile(g));
        }
        return new ToolFilter(List.copyOf(globs), List.copyOf(patterns), null);
    }

    /** The filter that lets a name through when both this one and {@code other} do. */
    public ToolFilter and(ToolFilter other) {
        if (other == null || other == ALL) {
            return this;
        }
        if (this == ALL) {
            return other;
        }
        return new ToolFilter(globs, patterns, also == null ? other : also.and(other));
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*' || ch == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(ch == '*' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** Whether the tool of this name is offered. */
    public boolean matches(String toolName) {
        if (also != null && !also.matches(toolName)) {
            return false;
        }
        if (patterns.isEmpty()) {
            return true;
        }
        for (Pattern p : patterns) {
            if (p.matcher(toolName).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        String own = globs.isEmpty() ? "*" : String.join(",", globs);
        return also == null ? own : own + " and " + also;
    }
}

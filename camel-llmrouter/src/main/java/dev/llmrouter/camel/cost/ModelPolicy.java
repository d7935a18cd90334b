package dev.llmrouter.camel.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.llmrouter.camel.error.ModelNotAllowedException;

/**
 * Allow and deny lists of model ids, as comma-separated glob patterns: {@code *} matches any run of characters
 * (including {@code /} and {@code :}), {@code ?} exactly one; matching is case-insensitive and each pattern is
 * trimmed; empty entries are ignored. A model is refused when any deny pattern matches (deny wins), or when an
 * allow list is given and none of its patterns matches. An empty allow list allows everything not denied.
 * Patterns are compiled once; instances are immutable and thread-safe.
 */
public final class ModelPolicy {

    private static final ModelPolicy ALLOW_ALL = new ModelPolicy(List.of(), List.of(), "");

    private record Glob(String text, Pattern regex) {
    }

    private final List<Glob> allowed;
    private final List<Glob> denied;
    private final String allowedText;

    private ModelPolicy(List<Glob> allowed, List<Glob> denied, String allowedText) {
        this.allowed = allowed;
        this.denied = denied;
        this.allowedText = allowedText;
    }

    /**
     * A policy from the option values.
     *
     * @param allowedModels comma-separated globs, or null/blank for "any"
     * @param deniedModels  comma-separated globs, or null/blank for "none"
     */
    public static ModelPolicy of(String allowedModels, String deniedModels) {
        List<Glob> allow = compile(allowedModels);
        List<Glob> deny = compile(deniedModels);
        if (allow.isEmpty() && deny.isEmpty()) {
            return ALLOW_ALL;
        }
        return new ModelPolicy(allow, deny, String.join(", ", allow.stream().map(Glob::text).toList()));
    }

    /** A policy that allows every model. */
    public static ModelPolicy allowAll() {
        return ALLOW_ALL;
    }

    /** Whether an allow list is set (then a request must name its model, or it cannot be checked). */
    public boolean restrictsModels() {
        return !allowed.isEmpty();
    }

    /** Whether the model passes both lists. A null model passes (there is nothing to check). */
    public boolean isAllowed(String model) {
        return model == null || refusal(model) == null;
    }

    /**
     * Throws when the model is refused.
     *
     * @param model  the model id to check; null passes
     * @param source where the model came from, for the message (e.g. {@code model}, {@code fallbackModels},
     *               {@code header CamelLlmRouterModel})
     * @throws ModelNotAllowedException naming the model, the source and the refusing option and pattern
     */
    public void check(String model, String source) {
        if (model == null) {
            return;
        }
        String[] refusal = refusal(model);
        if (refusal != null) {
            throw new ModelNotAllowedException(model, source, refusal[0], refusal[1]);
        }
    }

    /** Checks every model of a list with the same source. */
    public void checkAll(List<String> models, String source) {
        if (models != null) {
            for (String m : models) {
                check(m, source);
            }
        }
    }

    /** What {@link #decide} answered per model id; a policy sees a handful of ids, so this stays small. */
    private final java.util.concurrent.ConcurrentHashMap<String, String[]> verdicts =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final String[] ALLOWED = new String[0];
    private static final int MAX_VERDICTS = 1024;

    private String[] refusal(String model) {
        if (allowed.isEmpty() && denied.isEmpty()) {
            return null;
        }
        String[] known = verdicts.get(model);
        if (known == null) {
            String[] r = decide(model);
            known = r == null ? ALLOWED : r;
            if (verdicts.size() < MAX_VERDICTS) {
                verdicts.put(model, known);
            }
        }
        return known == ALLOWED ? null : known;
    }

    private String[] decide(String model) {
        String m = model.trim();
        for (Glob g : denied) {
            if (g.regex.matcher(m).matches()) {
                return new String[] {"deniedModels", g.text};
            }
        }
        if (allowed.isEmpty()) {
            return null;
        }
        for (Glob g : allowed) {
            if (g.regex.matcher(m).matches()) {
                return null;
            }
        }
        return new String[] {"allowedModels", allowedText};
    }

    private static List<Glob> compile(String list) {
        List<Glob> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (String raw : list.split(",")) {
            String p = raw.trim();
            if (!p.isEmpty()) {
                out.add(new Glob(p, toRegex(p)));
            }
        }
        return List.copyOf(out);
    }

    /** Translates a glob into an anchored, case-insensitive regex. */
    static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}

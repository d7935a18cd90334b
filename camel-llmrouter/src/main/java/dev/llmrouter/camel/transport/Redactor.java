package dev.llmrouter.camel.transport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that comes from a server before it enters an exception, a header, a log line or the
 * usage log: a server may echo the request, {@code Authorization} header included, in its error message. Replaced
 * with {@value #MARK}: every configured API key (given when the endpoint starts, compared literally), the token
 * after {@code Bearer}, and anything shaped like an OpenAI-style key ({@code sk-...}, e.g. {@code sk-or-v1-...}).
 * A token-shaped string must hold a digit and be 8 (after {@code Bearer}) or 6 (after {@code sk-}) characters
 * long, so that words such as "bearer token" stay readable.
 * Immutable and thread-safe; built once per endpoint (or client), never per call.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MARK = "[REDACTED]";

    /** Keys shorter than this are not searched for literally (they would match ordinary words). */
    static final int MIN_KEY_LENGTH = 6;

    private static final Pattern BEARER = Pattern.compile(
            "(?i)\\b(bearer)(\\s+|%20)(?=[^\\s\"',;\\\\]*\\d)[^\\s\"',;\\\\]{8,}");
    private static final Pattern KEY_SHAPED = Pattern.compile("\\bsk-(?=[A-Za-z0-9_\\-]*\\d)[A-Za-z0-9_\\-]{6,}");

    /** Redacts only token-shaped strings: for text whose call's keys are not known. */
    public static final Redactor PATTERNS = new Redactor(List.of());

    private final List<String> keys;

    private Redactor(List<String> keys) {
        this.keys = keys;
    }

    /** A redactor for these API keys (nulls and blanks ignored), plus the token-shaped patterns. */
    public static Redactor of(Collection<String> apiKeys) {
        List<String> list = new ArrayList<>();
        for (String key : apiKeys) {
            if (key != null && key.strip().length() >= MIN_KEY_LENGTH && !list.contains(key.strip())) {
                list.add(key.strip());
            }
        }
        if (list.isEmpty()) {
            return PATTERNS;
        }
        // longest first, so that a key containing another is replaced whole
        list.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(list));
    }

    /** The text with every secret replaced; null stays null. */
    public String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String key : keys) {
            if (out.contains(key)) {
                out = out.replace(key, MARK);
            }
        }
        Matcher bearer = BEARER.matcher(out);
        if (bearer.find()) {
            out = bearer.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MARK));
        }
        Matcher shaped = KEY_SHAPED.matcher(out);
        if (shaped.find()) {
            out = shaped.replaceAll(MARK);
        }
        return out;
    }

    /** A copy of server metadata with every string (in nested maps and lists too, keys included) redacted. */
    public Map<String, Object> apply(Map<String, Object> metadata) {
        if (metadata == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>(metadata.size() * 2);
        metadata.forEach((k, v) -> out.put(apply(k), redactValue(v)));
        return out;
    }

    private Object redactValue(Object value) {
        if (value instanceof String s) {
            return apply(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>(map.size() * 2);
            map.forEach((k, v) -> out.put(k instanceof String s ? apply(s) : k, redactValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(redactValue(v)));
            return out;
        }
        return value;
    }
}

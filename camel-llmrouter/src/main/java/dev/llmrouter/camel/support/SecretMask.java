package dev.llmrouter.camel.support;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.llmrouter.camel.LlmRouterEndpointUriFactory;

/**
 * Masks the secret options of an {@code llmrouter} endpoint URI (those marked secret, such as {@code apiKey}) for
 * the usage log, scope keys and log lines, and leaves every other option as written. Camel's own sanitizer masks
 * any option whose name merely contains "token" or "key", which would hide {@code maxTokens}.
 */
public final class SecretMask {

    static final String MASK = "xxxxxx";
    private static final Pattern SECRETS = pattern(new LlmRouterEndpointUriFactory().secretPropertyNames());

    private SecretMask() {
    }

    private static Pattern pattern(Set<String> names) {
        StringBuilder alternatives = new StringBuilder();
        for (String n : names) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(n));
        }
        // a value runs to the next '&', or is a whole RAW(...) / RAW{...} (which may contain '&')
        return Pattern.compile("([?&])(" + alternatives + ")=(RAW\\(.*?\\)(?=&|$)|RAW\\{.*?\\}(?=&|$)|[^&]*)",
                Pattern.CASE_INSENSITIVE);
    }

    /** The URI with the value of every secret option replaced by {@value #MASK}; null stays null. */
    public static String uri(String uri) {
        if (uri == null || uri.indexOf('?') < 0) {
            return uri;
        }
        Matcher m = SECRETS.matcher(uri);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + "=" + MASK));
    }
}

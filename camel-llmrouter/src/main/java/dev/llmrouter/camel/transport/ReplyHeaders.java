package dev.llmrouter.camel.transport;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.hc.core5.http.Header;

/**
 * An answer's headers as a read-only map by lower-case name (the first value of each), over the array HttpClient
 * already parsed. The component reads two or three of them per answer ({@code retry-after}, the rate-limit and
 * cache-status headers), so a lookup scans the array instead of every answer building a hash map of all of them;
 * the full map is built only when something iterates it.
 */
final class ReplyHeaders extends AbstractMap<String, String> {

    private final Header[] headers;
    private Map<String, String> all;

    ReplyHeaders(Header[] headers) {
        this.headers = headers;
    }

    @Override
    public String get(Object name) {
        if (name instanceof String wanted) {
            for (Header h : headers) {
                if (h.getName().equalsIgnoreCase(wanted)) {
                    return h.getValue();
                }
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object name) {
        return get(name) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        Map<String, String> m = all;
        if (m == null) {
            m = new LinkedHashMap<>();
            for (Header h : headers) {
                m.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
            }
            all = m;
        }
        return m.entrySet();
    }
}

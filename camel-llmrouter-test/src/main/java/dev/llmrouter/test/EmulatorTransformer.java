package dev.llmrouter.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The WireMock extension that is the emulator: it records every request, checks the bearer key and
 * dispatches {@code /api/v1/...} paths to their handlers. Stateless itself; all state is in {@link EmulatorState}.
 */
final class EmulatorTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "openrouter-emulator";
    static final String API_PREFIX = "/api/v1";

    private final EmulatorState state;
    private final ChatHandler chat;
    private final AccountHandler account;
    private final EmbeddingsHandler embeddings;

    EmulatorTransformer(EmulatorState state) {
        this.state = state;
        this.chat = new ChatHandler(state);
        this.account = new AccountHandler(state);
        this.embeddings = new EmbeddingsHandler(state);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        RecordedCall call = toCall(serveEvent.getRequest());
        state.record(call);
        try {
            return route(call).build();
        } catch (RuntimeException e) {
            return Responses.error(500, "Emulator failure: " + e).build();
        }
    }

    private ResponseDefinitionBuilder route(RecordedCall call) {
        String path = call.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String method = call.method().toUpperCase(Locale.ROOT);
        String endpoint = path.startsWith(API_PREFIX + "/") ? path.substring(API_PREFIX.length()) : null;
        if ("GET".equals(method) && "/models".equals(endpoint)) {
            Integer offset = intParam(call, "offset");
            Integer limit = intParam(call, "limit");
            boolean badOffset = call.queryParam("offset") != null && offset == null;
            if (badOffset || (call.queryParam("limit") != null && limit == null)) {
                return Responses.error(400, "offset and limit must be integers");
            }
            return Responses.json(200, ModelsJson.list(state.catalog, offset, limit));
        }
        boolean known = endpoint != null && switch (method + " " + endpoint) {
            case "POST /chat/completions", "GET /generation", "GET /key", "POST /embeddings" -> true;
            default -> false;
        };
        if (!known) {
            return Responses.error(404, "Not Found: " + method + " " + call.path());
        }
        ResponseDefinitionBuilder denied = authenticate(call);
        if (denied != null) {
            return denied;
        }
        switch (endpoint) {
            case "/chat/completions": return chat.handle(call);
            case "/generation": return account.generation(call);
            case "/key": return account.key();
            default: return embeddings.handle(call);
        }
    }

    private static Integer intParam(RecordedCall call, String name) {
        String v = call.queryParam(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Null when the bearer token is acceptable, else the 401 answer. */
    private ResponseDefinitionBuilder authenticate(RecordedCall call) {
        String header = call.header("Authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        }
        if (token == null || token.isEmpty()) {
            return Responses.error(401, "Missing Authentication header");
        }
        String required = state.requiredKey();
        if (required != null && !required.equals(token)) {
            return Responses.error(401, "Invalid API key");
        }
        return null;
    }

    private static RecordedCall toCall(Request request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? null : url.substring(q + 1);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader h : request.getHeaders().all()) {
            headers.put(h.key(), h.values());
        }
        byte[] bytes = request.getBody();
        String body = bytes == null || bytes.length == 0 ? null : request.getBodyAsString();
        return new RecordedCall(request.getMethod().getName(), path, query, headers, body);
    }
}

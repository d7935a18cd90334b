package dev.llmrouter.test;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** {@code GET /generation?id=} and {@code GET /key}: what was served and what it cost the key. */
final class AccountHandler {

    private final EmulatorState state;

    AccountHandler(EmulatorState state) {
        this.state = state;
    }

    ResponseDefinitionBuilder generation(RecordedCall call) {
        String id = call.queryParam("id");
        if (id == null || id.isBlank()) {
            return Responses.error(400, "Missing required query parameter: id");
        }
        Generation g = state.generation(id);
        if (g == null) {
            return Responses.error(404, "Generation " + id + " not found");
        }
        return Responses.json(200, g.toJson());
    }

    ResponseDefinitionBuilder key() {
        BigDecimal usage = state.usage();
        BigDecimal limit = state.keyLimit();
        ObjectNode root = Json.object();
        ObjectNode d = root.putObject("data");
        d.put("label", "emulator");
        if (limit == null) {
            d.putNull("limit");
            d.putNull("limit_remaining");
        } else {
            d.set("limit", Json.money(limit));
            d.set("limit_remaining", Json.money(limit.subtract(usage).max(BigDecimal.ZERO)));
        }
        d.putNull("limit_reset");
        d.set("usage", Json.money(usage));
        d.set("usage_daily", Json.money(usage));
        d.set("usage_weekly", Json.money(usage));
        d.set("usage_monthly", Json.money(usage));
        d.put("byok_usage", 0);
        d.put("byok_usage_daily", 0);
        d.put("byok_usage_weekly", 0);
        d.put("byok_usage_monthly", 0);
        d.put("include_byok_in_limit", false);
        d.put("is_free_tier", false);
        d.put("is_management_key", false);
        d.put("is_provisioning_key", false);
        d.putNull("creator_user_id");
        d.putNull("expires_at");
        d.putObject("rate_limit").put("requests", -1).put("interval", "10s").put("note", "deprecated");
        return Responses.json(200, root);
    }
}

package dev.llmrouter.test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads and writes the JSON form of an {@link EmulatorCatalog}. */
final class CatalogJson {

    private CatalogJson() {
    }

    static List<EmulatorModel> read(JsonNode root) {
        JsonNode models = root == null ? null : root.get("models");
        if (models == null || !models.isArray()) {
            throw new IllegalArgumentException("catalog needs a \"models\" array");
        }
        List<EmulatorModel> out = new ArrayList<>();
        for (JsonNode m : models) {
            String id = Json.text(m.get("id"));
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("every catalog model needs an \"id\"");
            }
            List<EmulatorProvider> providers = new ArrayList<>();
            for (JsonNode p : m.path("providers")) {
                providers.add(readProvider(id, p));
            }
            out.add(new EmulatorModel(id, Json.text(m.get("name")), m.path("context_length").asInt(0), providers,
                    m.path("reasoning").asBoolean(false)));
        }
        return out;
    }

    private static EmulatorProvider readProvider(String modelId, JsonNode p) {
        String name = Json.text(p.get("name"));
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a provider of " + modelId + " has no \"name\"");
        }
        return new EmulatorProvider(name,
                price(p, "prompt_price"), price(p, "completion_price"), price(p, "request_price"),
                price(p, "image_price"), price(p, "web_search_price"),
                p.path("zdr").asBoolean(false), p.path("collects_data").asBoolean(false),
                Json.text(p.get("quantization")));
    }

    private static BigDecimal price(JsonNode p, String field) {
        JsonNode node = p.get(field);
        BigDecimal value = Json.decimal(node);
        if (node != null && !node.isNull() && value == null) {
            throw new IllegalArgumentException("\"" + field + "\" is not a number: " + node);
        }
        return value;
    }

    static ObjectNode write(List<EmulatorModel> models) {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("models");
        for (EmulatorModel m : models) {
            ObjectNode mn = list.addObject();
            mn.put("id", m.id());
            mn.put("name", m.name());
            mn.put("context_length", m.contextLength());
            if (m.reasoning()) {
                mn.put("reasoning", true);
            }
            ArrayNode providers = mn.putArray("providers");
            for (EmulatorProvider p : m.providers()) {
                ObjectNode pn = providers.addObject();
                pn.put("name", p.name());
                pn.put("prompt_price", Json.plain(p.promptPrice()));
                pn.put("completion_price", Json.plain(p.completionPrice()));
                pn.put("request_price", Json.plain(p.requestPrice()));
                pn.put("image_price", Json.plain(p.imagePrice()));
                pn.put("web_search_price", Json.plain(p.webSearchPrice()));
                pn.put("zdr", p.zdr());
                pn.put("collects_data", p.collectsData());
                pn.put("quantization", p.quantization());
            }
        }
        return root;
    }
}

package dev.llmrouter.camel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

/**
 * The tools the test MCP servers (HTTP in-process, stdio in a child JVM) offer, and what they received:
 * orders_lookup answers with the order id it was given, orders_refund always answers isError, kb_search answers with
 * two text parts, slow_report answers after five seconds.
 */
final class McpTestTools {

    static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(new ObjectMapper());
    /** The server side checks no structured output here (the SDK's validator needs a newer schema library). */
    static final JsonSchemaValidator NO_VALIDATION = (schema, content) -> JsonSchemaValidator.ValidationResponse
            .asValid(String.valueOf(content));

    /** The arguments of every call, in order of arrival: tool name, then its arguments. */
    final List<Map.Entry<String, Map<String, Object>>> calls = new CopyOnWriteArrayList<>();

    List<McpServerFeatures.AsyncToolSpecification> all() {
        return List.of(
                tool("orders_lookup", "Looks up an order by its id and tells its status",
                        Map.of("type", "object",
                                "properties", Map.of("orderId", Map.of("type", "string", "description", "The order id")),
                                "required", List.of("orderId")),
                        args -> Mono.just(McpSchema.CallToolResult.builder()
                                .addTextContent("order " + args.get("orderId") + ": shipped").build())),
                tool("orders_refund", "Asks for a refund of an order",
                        Map.of("type", "object", "properties", Map.of("orderId", Map.of("type", "string"))),
                        args -> Mono.just(McpSchema.CallToolResult.builder()
                                .addTextContent("refund refused: order " + args.get("orderId") + " is older than 30 days")
                                .isError(true).build())),
                tool("kb_search", "Searches the knowledge base",
                        Map.of("type", "object", "properties", Map.of("query", Map.of("type", "string"))),
                        args -> Mono.just(McpSchema.CallToolResult.builder()
                                .addTextContent("first hit for " + args.get("query"))
                                .addTextContent("second hit").build())),
                tool("slow_report", "Builds a report slowly",
                        Map.of("type", "object", "properties", Map.of()),
                        args -> Mono.delay(Duration.ofSeconds(5)).map(x -> McpSchema.CallToolResult.builder()
                                .addTextContent("late").build())));
    }

    McpServerFeatures.AsyncToolSpecification tool(String name, String description, Map<String, Object> schema,
                                                  java.util.function.Function<Map<String, Object>, Mono<McpSchema.CallToolResult>> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder(name).description(description).inputSchema(schema).build();
        return McpServerFeatures.AsyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            calls.add(Map.entry(name, args));
            return handler.apply(args);
        }).build();
    }
}

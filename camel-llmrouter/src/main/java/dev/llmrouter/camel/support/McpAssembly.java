package dev.llmrouter.camel.support;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConfiguration;
import dev.llmrouter.camel.LlmRouterMcpServer;
import dev.llmrouter.camel.agent.McpServerSpec;
import dev.llmrouter.camel.agent.ToolFilter;
import dev.llmrouter.camel.plan.Validation;
import org.apache.camel.util.URISupport;

/**
 * Turns the endpoint options {@code mcpServers}, {@code mcpTools} and {@code mcpRefreshInterval} and the
 * component's MCP server definitions into validated {@link McpServerSpec}s, failing at endpoint creation with a
 * message that names the option or server at fault.
 */
public final class McpAssembly {

    private McpAssembly() {
    }

    /** The MCP servers an endpoint uses, in the order of option mcpServers; empty when the option is not set. */
    public static List<McpServerSpec> specs(LlmRouterComponent component, LlmRouterConfiguration c) {
        String list = c.getMcpServers();
        if (list == null || list.isBlank()) {
            if (c.getMcpTools() != null && !c.getMcpTools().isBlank()) {
                throw new IllegalArgumentException("Option mcpTools is set but option mcpServers names no MCP server");
            }
            return List.of();
        }
        if (c.getMcpRefreshInterval() <= 0) {
            throw new IllegalArgumentException("Invalid value for mcpRefreshInterval: must be more than 0");
        }
        List<String> entries = Validation.csv(list);
        if (entries == null) {
            throw new IllegalArgumentException("Option mcpServers lists no MCP server");
        }
        Map<String, McpServerSpec> specs = new LinkedHashMap<>();
        for (String entry : entries) {
            McpServerSpec spec;
            if (entry.contains("://")) {
                // named by the URL with secret-looking query parameters masked: the name shows in logs and errors
                String name = URISupport.sanitizeUri(entry);
                LlmRouterMcpServer inline = LlmRouterMcpServer.http(entry);
                spec = spec(name, inline, "server '" + name + "' in option mcpServers");
            } else {
                LlmRouterMcpServer def = component.mcpServerDefinition(entry);
                if (def == null) {
                    throw new IllegalArgumentException("Unknown MCP server '" + entry + "' in option mcpServers: define"
                                                       + " it in the component's mcpServerDefinitions or bind an"
                                                       + " LlmRouterMcpServer bean by that name");
                }
                spec = spec(entry, def, "MCP server '" + entry + "'");
            }
            if (specs.put(entry, spec) != null) {
                throw new IllegalArgumentException("MCP server '" + entry + "' is listed twice in option mcpServers");
            }
        }
        return applyEndpointFilter(specs, c.getMcpTools());
    }

    private static McpServerSpec spec(String name, LlmRouterMcpServer def, String what) {
        boolean hasUrl = def.getUrl() != null && !def.getUrl().isBlank();
        boolean hasCommand = def.getCommand() != null && !def.getCommand().isBlank();
        if (hasUrl == hasCommand) {
            throw new IllegalArgumentException("Invalid " + what + ": set " + (hasUrl ? "either" : "one of")
                                               + " url (streamable HTTP) or command (stdio)"
                                               + (hasUrl ? ", not both" : ""));
        }
        URI url = null;
        if (hasUrl) {
            try {
                url = URI.create(def.getUrl().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid url of " + what + ": " + e.getMessage(), e);
            }
            if (url.getScheme() == null || !(url.getScheme().equalsIgnoreCase("http")
                                             || url.getScheme().equalsIgnoreCase("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("Invalid url of " + what + ": must be an http or https URL with a"
                                                   + " host");
            }
        } else if (def.getHeaders() != null && !def.getHeaders().isEmpty()) {
            throw new IllegalArgumentException("Invalid " + what + ": headers apply to an HTTP server (url), not to a"
                                               + " stdio command");
        }
        Duration timeout = McpServerSpec.DEFAULT_TIMEOUT;
        if (def.getTimeout() != null) {
            if (def.getTimeout() <= 0) {
                throw new IllegalArgumentException("Invalid timeout of " + what + ": must be more than 0");
            }
            timeout = Duration.ofMillis(def.getTimeout());
        }
        List<String> args = def.getArgs() == null ? List.of() : def.getArgs();
        return new McpServerSpec(name, url, hasCommand ? def.getCommand().trim() : null, args, def.getEnv(),
                def.getHeaders(), def.isOptional(), ToolFilter.parse(def.getTools()), timeout);
    }

    /** Adds the endpoint's mcpTools entries: a plain glob to every server, server:glob to that server only. */
    private static List<McpServerSpec> applyEndpointFilter(Map<String, McpServerSpec> specs, String mcpTools) {
        List<String> entries = Validation.csv(mcpTools);
        if (entries == null) {
            return List.copyOf(specs.values());
        }
        List<String> everywhere = new ArrayList<>();
        Map<String, List<String>> perServer = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                everywhere.add(entry);
                continue;
            }
            String server = entry.substring(0, colon).trim();
            String glob = entry.substring(colon + 1).trim();
            if (!specs.containsKey(server)) {
                throw new IllegalArgumentException("Invalid entry '" + entry + "' in option mcpTools: '" + server
                                                   + "' is not listed in option mcpServers");
            }
            if (glob.isEmpty()) {
                throw new IllegalArgumentException("Invalid entry '" + entry + "' in option mcpTools: no tool name"
                                                   + " after the server");
            }
            perServer.computeIfAbsent(server, k -> new ArrayList<>()).add(glob);
        }
        List<McpServerSpec> out = new ArrayList<>();
        specs.forEach((entry, spec) -> {
            List<String> globs = new ArrayList<>(everywhere);
            globs.addAll(perServer.getOrDefault(entry, List.of()));
            out.add(globs.isEmpty() ? spec : spec.withFilter(spec.filter().and(ToolFilter.of(globs))));
        });
        return out;
    }
}

package dev.llmrouter.camel.agent;

import java.util.List;

/**
 * A set of tools whose members may change while the endpoint runs (an MCP server's tool list, refreshed on a
 * schedule). The agent loop reads {@link #tools()} at the start of every loop, so one loop sees one list.
 * A source that is also a Camel {@code Service} is started and stopped with the endpoint.
 */
public interface LlmRouterToolSource {

    /** A name for logs, errors and the dev console (an MCP server's configured name). */
    String name();

    /** The tools available now; never {@code null}. */
    List<LlmRouterTool> tools();
}

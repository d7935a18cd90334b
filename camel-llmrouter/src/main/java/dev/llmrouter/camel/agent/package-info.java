/**
 * Tools for the agent loop. API (SPI): {@code LlmRouterTool} (one function the model may call, run by the
 * component), {@code LlmRouterToolSource} (a set of tools that may change at run time, such as an MCP server's),
 * {@code LlmRouterToolSpec} (a route tool with an explicit name, description or parameter class) and the
 * {@code LlmTool} annotation (names and describes a tool's parameter class). Everything else in this package (route
 * and bean tools, the MCP client, the tool catalog) is internal and may change. The package uses Camel's API but
 * never the component's shell.
 */
package dev.llmrouter.camel.agent;

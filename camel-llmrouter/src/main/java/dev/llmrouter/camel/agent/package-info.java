/**
 * Tools for the agent loop. API (SPI): {@code LlmRouterTool} (one function the model may call, run by the
 * component) and {@code LlmRouterToolSource} (a set of tools that may change at run time, such as an MCP server's).
 * Everything else in this package (route and bean tools, the MCP client, the tool catalog) is internal and may
 * change. The package uses Camel's API but never the component's shell.
 */
package dev.llmrouter.camel.agent;

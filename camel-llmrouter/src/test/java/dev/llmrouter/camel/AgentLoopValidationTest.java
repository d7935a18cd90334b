package dev.llmrouter.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import dev.llmrouter.camel.agent.LlmRouterToolSpec;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid agent loop options fail when the endpoint is created, with a message naming the option. */
class AgentLoopValidationTest extends EmulatorTestSupport {

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("maxLoopCost=-0.01", "maxLoopCost", "more than 0 USD"),
                Arguments.of("maxLoopCost=0", "maxLoopCost", "more than 0 USD"),
                Arguments.of("maxToolIterations=0", "maxToolIterations", "1"),
                Arguments.of("maxLoopTokens=0", "maxLoopTokens", "1 or more"),
                Arguments.of("toolTimeout=-1", "toolTimeout", "0 (off) or more"),
                Arguments.of("maxLoopDuration=-1", "maxLoopDuration", "0 (off) or more"),
                Arguments.of("onToolError=retry", "onToolError", "'retry'"),
                Arguments.of("onUnknownTool=ignore", "onUnknownTool", "'ignore'"),
                Arguments.of("loopStop=later", "loopStop", "'later'"),
                Arguments.of("tools=direct:a&stream=true", "stream=true and executable tools", "autoToolExecution"),
                Arguments.of("tools=direct:a,seda:a", "tools", "two tools are named 'a'"),
                Arguments.of("tools=#badName", "tools", "'bad name!'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void failsAtEndpointCreation(String options, String option, String detail) {
        camel.context.getRegistry().bind("badName", List.of(LlmRouterToolSpec.route("direct:x").name("bad name!")));
        String uri = camel.chat("model=openai/gpt-4o-mini&" + options);

        Exception e = assertThrows(Exception.class, () -> camel.context.getEndpoint(uri));

        Throwable root = e;
        while (!(root instanceof IllegalArgumentException) && root.getCause() != null) {
            root = root.getCause();
        }
        assertInstanceOf(IllegalArgumentException.class, root, e.toString());
        assertTrue(root.getMessage().contains(option), root.getMessage());
        assertTrue(root.getMessage().contains(detail), root.getMessage());
    }

    @Test
    void streamWithToolsIsAllowedWhenTheLoopIsOffAndPlainDefinitionsNeedNoLoop() {
        Endpoint off = camel.context.getEndpoint(camel.chat("model=openai/gpt-4o-mini&tools=direct:a&stream=true"
                                                             + "&autoToolExecution=false"));
        assertFalse(((LlmRouterEndpoint) off).agentLoop());
        camel.context.getRegistry().bind("plain", List.of(java.util.Map.of("type", "function")));
        Endpoint plain = camel.context.getEndpoint(camel.chat("model=openai/gpt-4o-mini&tools=#plain&stream=true"));
        assertFalse(((LlmRouterEndpoint) plain).agentLoop());
        Endpoint on = camel.context.getEndpoint(camel.chat("model=openai/gpt-4o-mini&tools=direct:a"));
        assertTrue(((LlmRouterEndpoint) on).agentLoop());
        assertEquals(List.of(), ((LlmRouterEndpoint) on).toolSources());
    }
}

package dev.llmrouter.camel;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmrouter.camel.error.MalformedResponseException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** outputClass: a strict schema derived from the class goes out, an instance of the class comes back. */
class StructuredOutputTest extends EmulatorTestSupport {


    public enum Severity { LOW, HIGH }

    public record Ticket(
            @JsonPropertyDescription("one of billing, shipping, other") String label,
            int priority,
            double confidence,
            boolean urgent,
            Severity severity,
            List<String> tags) {
    }

    @Test
    void sendsAStrictSchemaAndReturnsThePojo() {
        EMULATOR.emulator().reply("refund", "{\"label\":\"billing\",\"priority\":2,\"confidence\":0.9,\"urgent\":true,"
                                            + "\"severity\":\"HIGH\",\"tags\":[\"refund\"]}");
        Exchange ex = camel.send(camel.chat("model=openai/gpt-4o-mini&outputClass=" + Ticket.class.getName()),
                "Please refund order 12");

        assertEquals(new Ticket("billing", 2, 0.9, true, Severity.HIGH, List.of("refund")), ex.getMessage().getBody());
        assertEquals(CamelHarness.json("""
                {"type":"json_schema","json_schema":{"name":"Ticket","strict":true,"schema":{
                  "type":"object",
                  "properties":{
                    "label":{"type":"string","description":"one of billing, shipping, other"},
                    "priority":{"type":"integer"},
                    "confidence":{"type":"number"},
                    "urgent":{"type":"boolean"},
                    "severity":{"type":"string","enum":["LOW","HIGH"]},
                    "tags":{"type":"array","items":{"type":"string"}}},
                  "required":["label","priority","confidence","urgent","severity","tags"],
                  "additionalProperties":false}}}"""),
                EMULATOR.emulator().lastRequest().json().get("response_format"));
    }

    @Test
    void theEmulatorsSchemaDrivenAnswerParsesToo() {
        Exchange ex = camel.send(camel.chat("model=openai/gpt-4o-mini&outputClass=" + Ticket.class.getName()), "Hi");
        Ticket t = assertInstanceOf(Ticket.class, ex.getMessage().getBody());
        assertNotNull(t.label());
    }

    @Test
    void anAnswerThatIsNotTheClassFailsLeavingTheMessageAsItWasWithTheCostOnTheException() {
        EMULATOR.emulator().reply("refund", "Sure! Here is the JSON you asked for: {label: billing");
        Exchange ex = camel.send(camel.chat("model=openai/gpt-4o-mini&outputClass=" + Ticket.class.getName()),
                "Please refund order 12");
        MalformedResponseException e = assertInstanceOf(MalformedResponseException.class, ex.getException());
        assertTrue(e.getMessage().startsWith("The answer is not a valid " + Ticket.class.getName()), e.getMessage());
        assertEquals("Please refund order 12", ex.getMessage().getBody());
        assertNull(ex.getMessage().getHeader(LlmRouterConstants.COST));
        assertNull(ex.getMessage().getHeader(LlmRouterConstants.GENERATION_ID));
        assertTrue(e.getCost().signum() > 0);
        assertEquals("gen-emu-0000000001", e.getGenerationId());
    }

    @Test
    void mapsAndRecursiveTypesAreRefusedAtEndpointCreation() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> camel.context.getEndpoint(camel.chat("outputClass=java.util.HashMap")));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().startsWith("Cannot derive a strict JSON schema for java.util.HashMap"),
                root.getMessage());
    }
}

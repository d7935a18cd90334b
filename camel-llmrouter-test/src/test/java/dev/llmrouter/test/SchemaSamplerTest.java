package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SchemaSamplerTest {

    private static String sample(String schema) {
        return Json.write(SchemaSampler.sample(Http.parse(schema)));
    }

    @Test
    void scalarsEnumsAndConst() {
        assertEquals("\"sample\"", sample("{\"type\":\"string\"}"));
        assertEquals("0", sample("{\"type\":\"integer\"}"));
        assertEquals("0.0", sample("{\"type\":\"number\"}"));
        assertEquals("false", sample("{\"type\":\"boolean\"}"));
        assertEquals("\"b\"", sample("{\"enum\":[\"b\",\"a\"]}"));
        assertEquals("42", sample("{\"const\":42}"));
    }

    @Test
    void nestedStructuresRefsAndCombinators() {
        assertEquals("{\"items\":[{\"n\":0}],\"choice\":0,\"both\":{\"a\":\"sample\",\"b\":false}}", sample("""
                {"type":"object","properties":{
                  "items":{"type":"array","items":{"$ref":"#/definitions/item"}},
                  "choice":{"anyOf":[{"type":"null"},{"type":"integer"}]},
                  "both":{"allOf":[{"properties":{"a":{"type":"string"}}},{"properties":{"b":{"type":"boolean"}}}]}},
                 "definitions":{"item":{"type":"object","properties":{"n":{"type":"integer"}}}}}"""));
    }

    @Test
    void recursiveSchemasTerminate() {
        String out = sample("""
                {"$defs":{"node":{"type":"object","properties":{"child":{"$ref":"#/$defs/node"}}}},
                 "$ref":"#/$defs/node"}""");
        assertEquals(true, out.startsWith("{\"child\":{\"child\":"));
    }
}

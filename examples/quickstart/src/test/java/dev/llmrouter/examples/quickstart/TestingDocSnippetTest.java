package dev.llmrouter.examples.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/testing.md shows {@link ClassifierRouteTest} as it is compiled and run here (all but its package line). */
class TestingDocSnippetTest {

    private static final String HEADING = "## In a JUnit 5 test";

    @Test
    void theJunitExampleOfTheTestingDocIsClassifierRouteTest() throws Exception {
        String doc = Files.readString(Path.of("..", "..", "docs", "testing.md"));
        int section = doc.indexOf(HEADING);
        int start = doc.indexOf("```java\n", section) + "```java\n".length();
        String shown = doc.substring(start, doc.indexOf("```\n", start));

        String source = Files.readString(Path.of("src", "test", "java", "dev", "llmrouter", "examples", "quickstart",
                "ClassifierRouteTest.java"));
        String compiled = source.substring(source.indexOf('\n', source.indexOf("package ")) + 1).stripLeading();

        assertEquals(compiled, shown);
    }
}

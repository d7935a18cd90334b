package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension also works as an instance field: started before each test, stopped after it. */
class InstanceFieldExtensionTest {

    @RegisterExtension
    final OpenRouterEmulatorExtension emulator = OpenRouterEmulatorExtension.create();

    @Test
    void startedForTheTest() {
        assertTrue(emulator.emulator().isRunning());
        assertEquals(200, new Http(emulator.baseUrl()).get("/models").statusCode());
    }
}

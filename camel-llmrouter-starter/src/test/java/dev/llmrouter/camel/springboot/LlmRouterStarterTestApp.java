package dev.llmrouter.camel.springboot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A minimal application for the starter's tests (no component scan: each test picks its beans). */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LlmRouterStarterTestApp {
}

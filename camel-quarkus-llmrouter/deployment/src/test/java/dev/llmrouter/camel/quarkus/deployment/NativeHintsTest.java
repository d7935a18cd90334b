package dev.llmrouter.camel.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourcePatternsBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native-image hints the extension produces, recorded by an extra build step of the (JVM-mode) build: what a
 * GraalVM/Mandrel build would be given. Keeps the native configuration honest without running native-image.
 */
class NativeHintsTest {

    /** Shared through the system properties: the build step and the test method see different class loaders. */
    private static final String KEY = "llmrouter.quarkus.test.native-hints";

    private static final String DEV_SERVICES = "llmrouter.quarkus.test.native.dev-services";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot((JavaArchive jar) -> jar.addClasses(TicketArguments.class, DevServicesRecorder.class)
                    .addAsResource("llmrouter/prices.json").addAsResource("llmrouter/answer.schema.json"))
            .overrideConfigKey("quarkus.llmrouter.devservices.enabled", "false")
            // the application's own resources named by options: the extension puts them in the image
            .overrideConfigKey("camel.component.llmrouter.pricing-catalog", "classpath:llmrouter/prices.json")
            .overrideConfigKey("camel.component.llmrouter.jsonSchema", "classpath:/llmrouter/answer.schema.json")
            .addBuildChainCustomizer(DevServicesRecorder.recordInto(DEV_SERVICES))
            .addBuildChainCustomizer(chain -> chain.addBuildStep(new BuildStep() {
                @Override
                public void execute(BuildContext context) {
                    Map<String, List<String>> seen = new TreeMap<>();
                    for (ReflectiveClassBuildItem r : context.consumeMulti(ReflectiveClassBuildItem.class)) {
                        for (String c : r.getClassNames()) {
                            add(seen, "reflection", c);
                            if (r.isMethods() && r.isFields() && r.isConstructors()) {
                                add(seen, "reflection-full", c);
                            }
                        }
                    }
                    for (NativeImageResourceBuildItem r : context.consumeMulti(NativeImageResourceBuildItem.class)) {
                        r.getResources().forEach(name -> add(seen, "resource", name));
                    }
                    for (NativeImageResourcePatternsBuildItem p
                            : context.consumeMulti(NativeImageResourcePatternsBuildItem.class)) {
                        p.getIncludePatterns().forEach(pattern -> add(seen, "pattern", pattern));
                    }
                    for (RuntimeInitializedClassBuildItem r
                            : context.consumeMulti(RuntimeInitializedClassBuildItem.class)) {
                        add(seen, "runtime-init", r.getClassName());
                    }
                    for (ServiceProviderBuildItem s : context.consumeMulti(ServiceProviderBuildItem.class)) {
                        s.providers().forEach(p -> add(seen, "service:" + s.serviceDescriptorFile(), p));
                    }
                    System.getProperties().put(KEY, seen);
                    context.produce(new FeatureBuildItem("llmrouter-native-hints-recorder"));
                }
            }).consumes(ReflectiveClassBuildItem.class).consumes(NativeImageResourceBuildItem.class)
                    .consumes(NativeImageResourcePatternsBuildItem.class)
                    .consumes(RuntimeInitializedClassBuildItem.class).consumes(ServiceProviderBuildItem.class)
                    .produces(FeatureBuildItem.class).build());

    private static void add(Map<String, List<String>> seen, String kind, String value) {
        seen.computeIfAbsent(kind, k -> new ArrayList<>()).add(value);
    }

    @SuppressWarnings("unchecked")
    private static List<String> recorded(String kind) {
        Map<String, List<String>> seen = (Map<String, List<String>>) System.getProperties().get(KEY);
        assertTrue(seen != null, "the recording build step ran");
        return seen.getOrDefault(kind, List.of());
    }

    @AfterAll
    static void forget() {
        System.getProperties().remove(KEY);
    }

    @Test
    void disabledDevServicesStartNoEmulator() {
        // no base URL is configured here: only quarkus.llmrouter.devservices.enabled=false keeps the emulator off
        assertFalse(DevServicesRecorder.recorded(DEV_SERVICES).contains(LlmRouterProcessor.FEATURE));
    }

    @Test
    void wireRecordsAndTheirNestedTypesAreFullyReflective() {
        List<String> full = recorded("reflection-full");
        for (String c : List.of("dev.llmrouter.camel.wire.ChatRequest", "dev.llmrouter.camel.wire.ChatResponse",
                "dev.llmrouter.camel.wire.ChatResponse$Choice", "dev.llmrouter.camel.wire.ChatMessage",
                "dev.llmrouter.camel.wire.Usage", "dev.llmrouter.camel.wire.ErrorResponse",
                "dev.llmrouter.camel.wire.ModelInfo$ListResponse", "dev.llmrouter.camel.wire.ContentText",
                // records outside the wire package that Jackson binds
                "dev.llmrouter.camel.idempotency.StoredAnswer",
                // beans bound from properties
                "dev.llmrouter.camel.LlmRouterConfiguration", "dev.llmrouter.camel.LlmRouterComponent",
                "dev.llmrouter.camel.LlmRouterEndpoint", "dev.llmrouter.camel.LlmRouterConverterLoader",
                "dev.llmrouter.camel.LlmRouterBudget",
                // the application's @LlmTool argument class
                TicketArguments.class.getName())) {
            assertTrue(full.contains(c), c + " registered with constructors, methods and fields");
        }
    }

    @Test
    void optionEnumsAndExceptionsAreReflective() {
        List<String> reflective = recorded("reflection");
        for (String c : List.of("dev.llmrouter.camel.LlmRouterOnBudgetExceeded", "dev.llmrouter.camel.LlmRouterDialect",
                "dev.llmrouter.camel.LlmRouterStreamRecovery", "dev.llmrouter.camel.error.LlmRouterException",
                "dev.llmrouter.camel.error.BudgetExceededException", "dev.llmrouter.camel.error.RateLimitException",
                "dev.llmrouter.camel.agent.McpToolException")) {
            assertTrue(reflective.contains(c), c + " registered for reflection");
        }
        // what the component's @JsonNaming / @JsonDeserialize name, which Jackson instantiates
        assertTrue(reflective.contains("com.fasterxml.jackson.databind.PropertyNamingStrategies$SnakeCaseStrategy"),
                "the snake-case naming strategy of the wire records");
        // not every class: an internal helper with no reflective use stays out
        assertFalse(reflective.contains("dev.llmrouter.camel.routing.ChatStream"), "no blanket registration");
    }

    @Test
    void tokenizerVocabulariesAndComponentResourcesAreIncluded() {
        List<String> resources = recorded("resource");
        for (String r : List.of("com/knuddels/jtokkit/cl100k_base.tiktoken", "com/knuddels/jtokkit/o200k_base.tiktoken",
                "com/knuddels/jtokkit/p50k_base.tiktoken", "com/knuddels/jtokkit/r50k_base.tiktoken",
                "META-INF/dev/llmrouter/camel/llmrouter.json",
                "META-INF/services/org/apache/camel/component/llmrouter",
                "META-INF/services/org/apache/camel/TypeConverterLoader",
                "META-INF/services/org/apache/camel/configurer/llmrouter-component")) {
            assertTrue(resources.contains(r), r + " included in the image; got " + resources);
        }
        assertTrue(resources.contains("llmrouter/prices.json"), "pricingCatalog's classpath resource");
        assertTrue(resources.contains("llmrouter/answer.schema.json"), "jsonSchema's classpath resource");
        assertTrue(recorded("pattern").stream().anyMatch(p -> p.contains("tiktoken")), "vocabulary pattern");
    }

    @Test
    void staticStateIsInitializedAtRunTimeAndSpanDecoratorsAreServices() {
        assertTrue(recorded("runtime-init").contains("dev.llmrouter.camel.cost.TokenEstimator"));
        assertTrue(recorded("runtime-init").contains("dev.llmrouter.camel.producer.ConversationMemory$Tokens"));
        assertTrue(recorded("service:META-INF/services/org.apache.camel.telemetry.SpanDecorator")
                .contains("dev.llmrouter.camel.observability.LlmRouterTelemetrySpanDecorator"));
    }
}

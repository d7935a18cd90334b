package dev.llmrouter.camel.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * A build step for {@code QuarkusUnitTest#addBuildChainCustomizer} that records the dev services the build asked
 * for (their names), for the test method to read: through the system properties, as the build and the test method
 * run in different class loaders.
 */
final class DevServicesRecorder {

    private DevServicesRecorder() {
    }

    static Consumer<BuildChainBuilder> recordInto(String key) {
        return chain -> chain.addBuildStep(new BuildStep() {
            @Override
            public void execute(BuildContext context) {
                List<String> names = new ArrayList<>();
                for (DevServicesResultBuildItem d : context.consumeMulti(DevServicesResultBuildItem.class)) {
                    names.add(d.getName());
                }
                System.getProperties().put(key, names);
                context.produce(new FeatureBuildItem("llmrouter-dev-services-recorder"));
            }
        }).consumes(DevServicesResultBuildItem.class).produces(FeatureBuildItem.class).build();
    }

    @SuppressWarnings("unchecked")
    static List<String> recorded(String key) {
        Object names = System.getProperties().get(key);
        if (names == null) {
            throw new AssertionError("the dev services recording step did not run");
        }
        return (List<String>) names;
    }
}

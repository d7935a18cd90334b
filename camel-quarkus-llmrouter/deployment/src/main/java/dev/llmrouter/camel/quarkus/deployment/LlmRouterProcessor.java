package dev.llmrouter.camel.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.quarkus.bootstrap.model.ApplicationModel;
import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourcePatternsBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.deployment.pkg.builditem.CurateOutcomeBuildItem;
import io.quarkus.maven.dependency.ResolvedDependency;
import org.apache.camel.util.StringHelper;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

/**
 * Build steps of the llmrouter Camel Quarkus extension. Camel Quarkus core already discovers the component, its
 * configurers, URI factory and type converter loader through their {@code META-INF/services/org/apache/camel}
 * entries and binds {@code camel.component.llmrouter.*}; this processor adds what a native image needs on top
 * (reflection, resources, services, runtime initialization) and the emulator as a dev service.
 *
 * <p>The reflection and resource lists are derived from the component's Jandex index and from the contents of its
 * jar and jtokkit's jar, so a record, enum or exception added to the component is covered without editing this
 * class.
 */
class LlmRouterProcessor {

    /** The feature name Quarkus lists at start-up. */
    static final String FEATURE = "camel-llmrouter";

    static final String GROUP_ID = "dev.llmrouter";
    static final String COMPONENT_ARTIFACT = "camel-llmrouter";
    static final String COMPONENT_PACKAGE = "dev.llmrouter.camel";
    /** Jackson binds every type of this package (requests, answers, errors, model lists). */
    static final String WIRE_PACKAGE = COMPONENT_PACKAGE + ".wire";

    static final DotName LLM_TOOL = DotName.createSimple("dev.llmrouter.camel.agent.LlmTool");

    /** Jackson annotations whose class-valued members Jackson instantiates reflectively. */
    static final List<DotName> JACKSON_CLASS_ANNOTATIONS = List.of(
            DotName.createSimple("com.fasterxml.jackson.databind.annotation.JsonNaming"),
            DotName.createSimple("com.fasterxml.jackson.databind.annotation.JsonDeserialize"),
            DotName.createSimple("com.fasterxml.jackson.databind.annotation.JsonSerialize"));

    /** The service files under which Camel and the tracers look the component's classes up. */
    static final List<String> SPAN_DECORATOR_SERVICES = List.of(
            "org.apache.camel.tracing.SpanDecorator", "org.apache.camel.telemetry.SpanDecorator");

    /**
     * Classes whose static state must be created in the running application, not baked into the image: the token
     * estimator's vocabulary registry and per-encoding caches (and the holder of a default estimator), and the
     * usage-log sinks batched per process.
     */
    static final List<String> RUNTIME_INITIALIZED = List.of(
            "dev.llmrouter.camel.cost.TokenEstimator",
            "dev.llmrouter.camel.producer.ConversationMemory",
            "dev.llmrouter.camel.producer.ConversationMemory$Tokens",
            "dev.llmrouter.camel.usage.CsvUsageSink");

    static final String COMPONENT_PREFIX = "camel.component.llmrouter.";
    /** Component options whose value may be a {@code classpath:} resource of the application. */
    static final List<String> RESOURCE_OPTIONS = List.of("pricingCatalog", "jsonSchema");
    static final String CLASSPATH = "classpath:";

    static final String BASE_URL_KEY = COMPONENT_PREFIX + "base-url";
    static final String API_KEY_KEY = COMPONENT_PREFIX + "api-key";
    /** The key the dev service gives the component; the emulator accepts any key. */
    static final String DEV_SERVICES_API_KEY = "dev-services-emulator-key";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    IndexDependencyBuildItem indexComponent() {
        return new IndexDependencyBuildItem(GROUP_ID, COMPONENT_ARTIFACT);
    }

    /**
     * Reflection for what Jackson and Camel reach reflectively: every type of the wire package, every record and
     * enum of the component (stored answers, option enums bound from text), its exceptions (rethrown across
     * threads and inspected by error handlers), the component, endpoint, configuration and definition beans of the
     * root package (bound from properties and maps), and the application's {@code @LlmTool} argument classes.
     */
    @BuildStep
    void reflection(CombinedIndexBuildItem combinedIndex, BuildProducer<ReflectiveClassBuildItem> reflective) {
        IndexView index = combinedIndex.getIndex();
        List<String> bound = componentClasses(index, c -> inPackage(c, WIRE_PACKAGE) || c.isRecord()
                                                        || isRootPackageBean(c));
        reflective.produce(ReflectiveClassBuildItem.builder(bound).constructors().methods().fields()
                .reason(getClass().getName()).build());

        List<String> enums = componentClasses(index, ClassInfo::isEnum);
        reflective.produce(ReflectiveClassBuildItem.builder(enums).methods().fields()
                .reason(getClass().getName()).build());

        List<String> exceptions = componentClasses(index, c -> isThrowable(index, c));
        reflective.produce(ReflectiveClassBuildItem.builder(exceptions).constructors().methods().fields()
                .reason(getClass().getName()).build());

        // the naming strategies, serializers and deserializers the component's Jackson annotations name
        TreeSet<String> instantiated = new TreeSet<>();
        for (DotName annotation : JACKSON_CLASS_ANNOTATIONS) {
            for (AnnotationInstance a : index.getAnnotations(annotation)) {
                if (!inComponent(a.target())) {
                    continue;
                }
                for (AnnotationValue v : a.values()) {
                    if (v.kind() == AnnotationValue.Kind.CLASS) {
                        instantiated.add(v.asClass().name().toString());
                    }
                }
            }
        }
        if (!instantiated.isEmpty()) {
            reflective.produce(ReflectiveClassBuildItem.builder(new ArrayList<>(instantiated)).constructors()
                    .reason(getClass().getName()).build());
        }

        TreeSet<String> tools = new TreeSet<>();
        for (AnnotationInstance a : index.getAnnotations(LLM_TOOL)) {
            if (a.target().kind() == AnnotationTarget.Kind.CLASS) {
                tools.add(a.target().asClass().name().toString());
            }
        }
        if (!tools.isEmpty()) {
            reflective.produce(ReflectiveClassBuildItem.builder(new ArrayList<>(tools)).constructors().methods()
                    .fields().reason(getClass().getName()).build());
        }
    }

    /**
     * The resources the component reads at run time: its service entries under {@code META-INF/services} and its
     * generated catalog JSON files under {@code META-INF} (read from the component's jar), and jtokkit's
     * {@code .tiktoken} vocabularies (read from jtokkit's jar).
     */
    @BuildStep
    void resources(CurateOutcomeBuildItem curate, BuildProducer<NativeImageResourceBuildItem> resources,
            BuildProducer<NativeImageResourcePatternsBuildItem> patterns) {
        ApplicationModel model = curate.getApplicationModel();
        List<String> found = new ArrayList<>();
        dependency(model, GROUP_ID, COMPONENT_ARTIFACT).ifPresent(d -> d.getContentTree().walk(visit -> {
            String path = visit.getRelativePath("/");
            if (!path.endsWith("/")
                && (path.startsWith("META-INF/services/") || path.startsWith("META-INF/") && path.endsWith(".json"))) {
                found.add(path);
            }
        }));
        dependency(model, "com.knuddels", "jtokkit").ifPresent(d -> d.getContentTree().walk(visit -> {
            String path = visit.getRelativePath("/");
            if (path.endsWith(".tiktoken")) {
                found.add(path);
            }
        }));
        found.sort(null);
        if (!found.isEmpty()) {
            resources.produce(new NativeImageResourceBuildItem(found));
        }
        // in case the vocabularies are reached through another jar layout (shaded, relocated): same names
        patterns.produce(NativeImageResourcePatternsBuildItem.builder()
                .includeGlob("com/knuddels/jtokkit/*.tiktoken").build());
    }

    /** The component's span decorators, for the tracers that are on the class path. */
    @BuildStep
    void spanDecorators(CombinedIndexBuildItem combinedIndex, BuildProducer<ServiceProviderBuildItem> services) {
        IndexView index = combinedIndex.getIndex();
        for (String service : SPAN_DECORATOR_SERVICES) {
            if (!loadable(service)) {
                continue; // camel-tracing / camel-telemetry are optional dependencies of the component
            }
            List<String> ours = new ArrayList<>();
            for (ClassInfo c : index.getAllKnownImplementations(DotName.createSimple(service))) {
                if (inPackage(c, COMPONENT_PACKAGE)) {
                    ours.add(c.name().toString());
                }
            }
            ours.sort(null);
            if (!ours.isEmpty()) {
                services.produce(new ServiceProviderBuildItem(service, ours));
            }
        }
    }

    /**
     * The application's own resources that component options name with a {@code classpath:} prefix in
     * {@code application.properties}: the pricing catalog and the structured-output JSON Schema. (Resources named
     * only in endpoint URIs are not seen here: list them in {@code quarkus.native.resources.includes}.)
     */
    @BuildStep
    void configuredResources(BuildProducer<NativeImageResourceBuildItem> resources) {
        TreeSet<String> found = new TreeSet<>();
        for (String option : RESOURCE_OPTIONS) {
            for (String value : componentOption(option)) {
                String v = value.strip();
                if (v.startsWith(CLASSPATH)) {
                    v = v.substring(CLASSPATH.length());
                    v = v.startsWith("/") ? v.substring(1) : v;
                    if (!v.isEmpty()) {
                        found.add(v);
                    }
                }
            }
        }
        if (!found.isEmpty()) {
            resources.produce(new NativeImageResourceBuildItem(new ArrayList<>(found)));
        }
    }

    /**
     * The values {@code application.properties} gives a component option, under its camel-case and its kebab-case
     * key (Camel Main binds both); empty when neither is set.
     */
    private static List<String> componentOption(String option) {
        Config appConfig = ConfigProvider.getConfig();
        List<String> values = new ArrayList<>(2);
        for (String key : List.of(COMPONENT_PREFIX + option, COMPONENT_PREFIX + StringHelper.camelCaseToDash(option))) {
            appConfig.getOptionalValue(key, String.class).ifPresent(values::add);
        }
        return values;
    }

    @BuildStep
    void runtimeInitialized(BuildProducer<RuntimeInitializedClassBuildItem> runtimeInitialized) {
        RUNTIME_INITIALIZED.forEach(c -> runtimeInitialized.produce(new RuntimeInitializedClassBuildItem(c)));
    }

    /**
     * In dev and test mode, without a configured base URL, the emulator on a random loopback port and its URL
     * (and a dummy API key) as the component's configuration.
     */
    @BuildStep(onlyIf = { IsDevServicesSupportedByLaunchMode.class, DevServicesConfig.Enabled.class })
    DevServicesResultBuildItem emulatorDevService(LlmRouterBuildTimeConfig config) {
        if (!config.devservices().enabled()) {
            return null;
        }
        if (!componentOption("baseUrl").isEmpty()) {
            return null;
        }
        Map<String, java.util.function.Function<EmulatorDevService, String>> provided = Map.of(
                BASE_URL_KEY, EmulatorDevService::baseUrl);
        DevServicesResultBuildItem.OwnedServiceBuilder<EmulatorDevService> builder = DevServicesResultBuildItem
                .<EmulatorDevService>owned()
                .feature(FEATURE)
                .serviceName("llmrouter-emulator")
                .description("OpenRouter emulator (camel-llmrouter-test)")
                .startable(EmulatorDevService::new)
                .configProvider(provided);
        if (componentOption("apiKey").isEmpty()) {
            builder.config(Map.of(API_KEY_KEY, DEV_SERVICES_API_KEY));
        }
        return builder.build();
    }

    private static List<String> componentClasses(IndexView index, Predicate<ClassInfo> filter) {
        TreeSet<String> names = new TreeSet<>();
        for (ClassInfo c : index.getKnownClasses()) {
            if (inPackage(c, COMPONENT_PACKAGE) && filter.test(c)) {
                names.add(c.name().toString());
            }
        }
        return new ArrayList<>(names);
    }

    private static boolean inComponent(AnnotationTarget target) {
        ClassInfo owner = switch (target.kind()) {
            case CLASS -> target.asClass();
            case FIELD -> target.asField().declaringClass();
            case METHOD -> target.asMethod().declaringClass();
            case METHOD_PARAMETER -> target.asMethodParameter().method().declaringClass();
            case RECORD_COMPONENT -> target.asRecordComponent().declaringClass();
            default -> null;
        };
        return owner != null && inPackage(owner, COMPONENT_PACKAGE);
    }

    private static boolean inPackage(ClassInfo c, String pkg) {
        String name = c.name().toString();
        return name.startsWith(pkg + ".");
    }

    /** Top-level and nested types of the root package: component, endpoint, configuration, definition beans. */
    private static boolean isRootPackageBean(ClassInfo c) {
        String name = c.name().toString();
        String rest = name.substring(COMPONENT_PACKAGE.length() + 1);
        return name.startsWith(COMPONENT_PACKAGE + ".") && !rest.contains(".") && !c.isInterface()
               && !c.isAnnotation();
    }

    /** Whether the class extends Throwable, following superclasses through the index and then the class path. */
    private static boolean isThrowable(IndexView index, ClassInfo c) {
        ClassInfo current = c;
        for (int depth = 0; depth < 16 && current != null; depth++) {
            DotName parent = current.superName();
            if (parent == null) {
                return false;
            }
            ClassInfo next = index.getClassByName(parent);
            if (next == null) {
                try {
                    Class<?> type = Class.forName(parent.toString(), false,
                            Thread.currentThread().getContextClassLoader());
                    return Throwable.class.isAssignableFrom(type);
                } catch (ClassNotFoundException | LinkageError e) {
                    return false;
                }
            }
            current = next;
        }
        return false;
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Optional<ResolvedDependency> dependency(ApplicationModel model, String groupId,
            String artifactId) {
        for (ResolvedDependency d : model.getRuntimeDependencies()) {
            if (groupId.equals(d.getGroupId()) && artifactId.equals(d.getArtifactId())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}

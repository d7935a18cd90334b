package dev.llmrouter.camel.springboot;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.llmrouter.camel.LlmRouterBudget;
import dev.llmrouter.camel.LlmRouterMcpServer;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Fails the application's start when a {@code camel.component.llmrouter.*} key names no property of the component
 * (Spring Boot would ignore it), naming the key and the closest property, e.g. {@code fallback-model}: "did you
 * mean camel.component.llmrouter.fallback-models?". Checked: the component's properties, the fields of
 * {@code budgets.<name>.*}, {@code target-definitions.<name>.*} and {@code mcp-server-definitions.<name>.*}; the keys of {@code metadata} and the options of
 * {@code profiles} are checked elsewhere (profiles by the startup validation). Keys from environment variables are
 * not checked (their mapping to property names is ambiguous). {@value #OPT_OUT}{@code =false} turns the check off.
 */
public class LlmRouterUnknownPropertyCheck implements InitializingBean {

    /** The property that turns this check off. */
    public static final String OPT_OUT = "camel.component.llmrouter.fail-on-unknown-properties";

    static final String PREFIX = "camel.component.llmrouter";
    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PREFIX);
    private static final int PREFIX_ELEMENTS = ROOT.getNumberOfElements();

    /** Uniform form (lower case, no dashes) to dashed form, of the component's properties and of the opt-out. */
    private static final Map<String, String> TOP = names(LlmRouterComponentConfiguration.class,
            "fail-on-unknown-properties", "enabled", "customizer");
    private static final Map<String, String> BUDGET = names(LlmRouterBudget.class);
    private static final Map<String, String> TARGET = names(LlmRouterTargetProperties.class);
    private static final Map<String, String> MCP_SERVER = names(LlmRouterMcpServer.class);
    private static final Map<String, String> CUSTOMIZER = Map.of("enabled", "enabled");

    private final ConfigurableEnvironment environment;

    public LlmRouterUnknownPropertyCheck(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        if (!environment.getProperty(OPT_OUT, Boolean.class, true)) {
            return;
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)
                || StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())
                || "configurationProperties".equals(source.getName())) {
                continue;
            }
            for (String key : enumerable.getPropertyNames()) {
                if (key.regionMatches(true, 0, PREFIX + ".", 0, PREFIX.length() + 1)) {
                    check(key);
                }
            }
        }
    }

    /** Throws {@link LlmRouterUnknownPropertyException} when the key names no known property. */
    static void check(String key) {
        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
        if (name.getNumberOfElements() <= PREFIX_ELEMENTS) {
            return;
        }
        String first = name.getElement(PREFIX_ELEMENTS, Form.UNIFORM);
        if (!TOP.containsKey(first)) {
            throw unknown(key, PREFIX + ".", TOP, first);
        }
        Map<String, String> nested = switch (first) {
            case "budgets" -> BUDGET;
            case "targetdefinitions" -> TARGET;
            case "mcpserverdefinitions" -> MCP_SERVER;
            case "customizer" -> CUSTOMIZER;
            default -> null;
        };
        int fieldIndex = PREFIX_ELEMENTS + ("customizer".equals(first) ? 1 : 2);
        if (nested != null && name.getNumberOfElements() > fieldIndex) {
            String field = name.getElement(fieldIndex, Form.UNIFORM);
            if (!nested.containsKey(field)) {
                String parent = key.substring(0, key.length() - name.getElement(fieldIndex, Form.ORIGINAL).length()
                                                 - tailLength(name, fieldIndex));
                throw unknown(key, parent, nested, field);
            }
        }
    }

    /** Characters after the element at {@code index} in the key as written (deeper elements, with dots). */
    private static int tailLength(ConfigurationPropertyName name, int index) {
        int length = 0;
        for (int i = index + 1; i < name.getNumberOfElements(); i++) {
            length += 1 + name.getElement(i, Form.ORIGINAL).length();
        }
        return length;
    }

    private static LlmRouterUnknownPropertyException unknown(String key, String parent, Map<String, String> known,
                                                              String uniform) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Map.Entry<String, String> e : known.entrySet()) {
            int d = distance(uniform, e.getKey());
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getValue();
            }
        }
        // a suggestion only when it is close: at most a third of the longer name differs
        boolean close = best != null && bestDistance * 3 <= Math.max(uniform.length(), best.length());
        return new LlmRouterUnknownPropertyException(key, close ? parent + best : null);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(substitution, Math.min(previous[j], row[j - 1]) + 1);
            }
            int[] t = previous;
            previous = row;
            row = t;
        }
        return previous[b.length()];
    }

    private static Map<String, String> names(Class<?> type, String... extra) {
        List<String> dashed = new ArrayList<>(List.of(extra));
        for (PropertyDescriptor p : BeanUtils.getPropertyDescriptors(type)) {
            if (p.getWriteMethod() != null) {
                dashed.add(p.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (String d : dashed) {
            names.put(d.replace("-", ""), d);
        }
        return names;
    }
}

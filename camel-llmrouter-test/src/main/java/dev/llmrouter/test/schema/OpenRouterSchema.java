package dev.llmrouter.test.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Validates JSON documents against a named schema ({@code components/schemas/<name>}) of OpenRouter's
 * published OpenAPI 3.1 description.
 *
 * <p><b>Documents.</b> OpenAPI 3.1 schema objects are JSON Schema 2020-12 plus a few OpenAPI keywords. For every
 * schema name we build a small root document {@code {"$ref": "#/components/schemas/<name>", "components": <the
 * spec's components>}} so that the spec's own local references ({@code #/components/schemas/...}) resolve
 * unchanged inside that document. The {@code components} node is parsed once and shared (never copied) between
 * those documents; compiled schemas are cached per name.
 *
 * <p><b>Dialect.</b> Plain JSON Schema 2020-12 (networknt's 2020-12 keywords). Keywords it does not define
 * ({@code discriminator}, {@code example}, {@code xml}, {@code externalDocs}, {@code x-*} extensions, and the
 * {@code components} container at the root of our documents) are non-validating annotations, never errors.
 * {@code format} stays an annotation, as in the OpenAPI 3.1 base dialect, so OpenAPI-only formats such as
 * {@code double} or {@code int32} neither fail nor assert.
 *
 * <p><b>Why not networknt's OpenAPI 3.1 dialect / discriminator support.</b> {@code OpenApi31.getInstance()}
 * carries the OAS base vocabulary, which makes networknt switch its discriminator support on whatever
 * {@code SchemaValidatorsConfig} says. In json-schema-validator 1.5.9 that support changes validation outcomes:
 * a discriminated {@code oneOf} reached from inside an {@code anyOf} registers its discriminator in the enclosing
 * {@code anyOf}'s context, and the {@code anyOf} then fails with "No alternative could be chosen based on the
 * discriminator property" even though one of its branches is valid. In this spec that rejects every chat message
 * whose {@code content} is an array of parts ({@code ChatUserMessage.content} and
 * {@code ChatAssistantMessage.content} are {@code anyOf [string, array of ChatContentItems]}, and
 * {@code ChatContentItems} is a {@code oneOf} discriminated by {@code type}). The OpenAPI 3.1 discriminator is a
 * hint for tooling; whether an instance is valid is decided by {@code oneOf}/{@code anyOf} themselves. So
 * validity here is exactly JSON Schema 2020-12, and the discriminator is used only to make the error report
 * readable (see {@link #narrowByDiscriminator}): when an instance names its alternative ({@code role} for chat
 * messages, {@code id} for plugins, {@code type} for response formats and content parts) only that alternative's
 * errors are reported instead of every alternative's, and a value that names no alternative is reported as such.
 * This relaxes nothing: no error that decides validity is dropped, only the explanations of alternatives the
 * instance did not ask for. Every discriminated {@code oneOf} in the spec has alternatives told apart by a
 * required single-value {@code enum} on the discriminator property (one also allows {@code null}), so a valid
 * instance matches exactly one alternative and plain {@code oneOf} semantics accept it.
 *
 * <p>Instances of this class are immutable apart from the compiled-schema cache and are safe to share between
 * threads.
 */
public final class OpenRouterSchema {

    /** System property naming another copy of the spec to validate against (a file path); optional. */
    public static final String SPEC_PROPERTY = "llmrouter.openapi.spec";

    /** Where the repository keeps the spec, relative to the {@code camel-llmrouter-test} module. */
    static final String SPEC_IN_MODULE = "src/test/resources/openrouter/openapi.yaml";

    /** The test module's directory name, to find the spec from the repository root or a sibling module. */
    static final String MODULE = "camel-llmrouter-test";

    /**
     * IRI prefix of the per-schema root documents; it never leaves this process and is never fetched. Each loaded
     * spec gets its own number in it, so two specs loaded in one JVM can never share a compiled document.
     */
    private static final String DOCUMENT_IRI_PREFIX = "urn:llmrouter:openrouter-openapi:";

    private static final AtomicLong LOADED_SPECS = new AtomicLong();

    /** The YAML is about 1.3 MB; SnakeYAML refuses documents over 3 MB by default, so leave generous room. */
    private static final int YAML_CODE_POINT_LIMIT = 64 * 1024 * 1024;

    /** Keywords whose values are instance data rather than subschemas. */
    private static final Set<String> DATA_KEYWORDS = Set.of("example", "examples", "default", "enum", "const");

    /**
     * JSON Schema 2020-12 with every other keyword as a silent annotation; see the class comment for why this is
     * not networknt's OpenAPI 3.1 dialect. The IRI is ours and is never fetched.
     */
    private static final JsonMetaSchema DIALECT = JsonMetaSchema
            .builder("urn:llmrouter:openapi-3.1-schema-object:json-schema-2020-12", JsonMetaSchema.getV202012())
            // example, xml, externalDocs, discriminator, x-*, components, ...: no validation meaning, and no
            // warning logged per keyword either.
            .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
            .build();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.builder()
            .defaultMetaSchemaIri(DIALECT.getIri())
            .metaSchema(DIALECT)
            .build();

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            // Off, and the dialect above has no discriminator keyword that would switch it back on.
            .discriminatorKeywordEnabled(false)
            // OpenAPI 3.0's "nullable" is not part of 3.1, which writes type: [..., "null"].
            .nullableKeywordEnabled(false)
            .build();

    /**
     * Messages start with {@code <json path>: }; order by that path (a parent before its children) and then by text,
     * so that the output is stable from run to run.
     */
    private static final Comparator<String> BY_LOCATION_THEN_TEXT = Comparator
            .comparing((String m) -> m.indexOf(": ") < 0 ? m : m.substring(0, m.indexOf(": ")))
            .thenComparing(Comparator.naturalOrder());

    private final Path source;
    private final String openapiVersion;
    private final ObjectNode components;
    private final ObjectNode schemas;
    private final List<String> repairs;
    /** {@code {"components": ...}}: resolves the JSON Pointers networknt reports as schema locations. */
    private final ObjectNode pointerRoot;
    private final String documentIriPrefix = DOCUMENT_IRI_PREFIX + LOADED_SPECS.incrementAndGet() + ":";
    private final ConcurrentMap<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private OpenRouterSchema(Path source, String openapiVersion, ObjectNode components, List<String> repairs) {
        this.source = source;
        this.repairs = List.copyOf(repairs);
        this.openapiVersion = openapiVersion;
        this.components = components;
        JsonNode schemasNode = components.get("schemas");
        if (!(schemasNode instanceof ObjectNode)) {
            throw new IllegalArgumentException(source + ": components/schemas is missing or not a mapping");
        }
        this.schemas = (ObjectNode) schemasNode;
        this.pointerRoot = JsonNodeFactory.instance.objectNode();
        this.pointerRoot.set("components", components);
    }

    /**
     * Parses the OpenAPI document once. Only the {@code openapi} version and the {@code components} section are
     * turned into a tree; everything else ({@code paths}, {@code info}, ...) is skipped while streaming.
     *
     * @param openapiYaml path of {@code openapi.yaml}
     * @return a validator for the schemas under {@code components/schemas}
     * @throws UncheckedIOException     if the file cannot be read or is not well-formed YAML
     * @throws IllegalArgumentException if the document is not an OpenAPI 3.1 description with components/schemas
     */
    public static OpenRouterSchema load(Path openapiYaml) {
        Objects.requireNonNull(openapiYaml, "openapiYaml");
        LoaderOptions loaderOptions = new LoaderOptions();
        loaderOptions.setCodePointLimit(YAML_CODE_POINT_LIMIT);
        YAMLFactory yamlFactory = YAMLFactory.builder().loaderOptions(loaderOptions).build();
        ObjectMapper mapper = new ObjectMapper(yamlFactory);

        String version = null;
        ObjectNode components = null;
        try (Reader reader = Files.newBufferedReader(openapiYaml, StandardCharsets.UTF_8);
             JsonParser parser = yamlFactory.createParser(reader)) {
            parser.setCodec(mapper);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(openapiYaml + ": top level of an OpenAPI document must be a mapping");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("openapi".equals(field) && value == JsonToken.VALUE_STRING) {
                    version = parser.getText();
                } else if ("components".equals(field) && value == JsonToken.START_OBJECT) {
                    components = mapper.readTree(parser);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read OpenAPI document " + openapiYaml, e);
        }
        if (version == null || !version.startsWith("3.1")) {
            throw new IllegalArgumentException(openapiYaml + ": expected an OpenAPI 3.1 document, found openapi: " + version);
        }
        if (components == null) {
            throw new IllegalArgumentException(openapiYaml + ": no components section");
        }
        List<String> repairs = new ArrayList<>();
        normalizeOpenApi30Bounds(components, "#/components", repairs);
        return new OpenRouterSchema(openapiYaml, version, components, repairs);
    }

    /**
     * Rewrites OpenAPI 3.0 / draft-04 style boolean {@code exclusiveMinimum}/{@code exclusiveMaximum} into the
     * JSON Schema 2020-12 form that OpenAPI 3.1 requires, in place.
     *
     * <p>Why: the published spec contains at least one schema written in the 3.0 style
     * ({@code VideoGenerationRequest.upscale_factor}: {@code minimum: 0, exclusiveMinimum: true}). In 3.1 /
     * 2020-12 {@code exclusiveMinimum} must be a number, and networknt rejects the boolean at schema compile time,
     * which would make every schema that reaches it unusable. The translation keeps the author's evident meaning
     * exactly ({@code minimum: 0, exclusiveMinimum: true} means "greater than 0", i.e. {@code exclusiveMinimum: 0});
     * {@code exclusiveMinimum: false} just means "{@code minimum} is inclusive" and is dropped. Nothing is relaxed.
     * Values of {@code example}, {@code examples}, {@code default}, {@code enum} and {@code const} are data, not
     * schemas, and are left alone.
     */
    private static void normalizeOpenApi30Bounds(JsonNode node, String pointer, List<String> repairs) {
        if (node instanceof ObjectNode) {
            ObjectNode object = (ObjectNode) node;
            fixBooleanBound(object, "exclusiveMinimum", "minimum", pointer, repairs);
            fixBooleanBound(object, "exclusiveMaximum", "maximum", pointer, repairs);
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!DATA_KEYWORDS.contains(field.getKey())) {
                    normalizeOpenApi30Bounds(field.getValue(), pointer + "/" + field.getKey(), repairs);
                }
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                normalizeOpenApi30Bounds(node.get(i), pointer + "/" + i, repairs);
            }
        }
    }

    private static void fixBooleanBound(ObjectNode schema, String exclusiveKeyword, String inclusiveKeyword,
                                        String pointer, List<String> repairs) {
        JsonNode exclusive = schema.get(exclusiveKeyword);
        if (exclusive == null || !exclusive.isBoolean()) {
            return;
        }
        JsonNode bound = schema.get(inclusiveKeyword);
        if (exclusive.booleanValue() && bound != null && bound.isNumber()) {
            schema.remove(inclusiveKeyword);
            schema.set(exclusiveKeyword, bound);
            repairs.add(pointer + ": " + inclusiveKeyword + ": " + bound + ", " + exclusiveKeyword + ": true"
                    + " -> " + exclusiveKeyword + ": " + bound);
        } else {
            schema.remove(exclusiveKeyword);
            repairs.add(pointer + ": dropped boolean " + exclusiveKeyword + ": " + exclusive
                    + (bound == null ? " (no " + inclusiveKeyword + " to apply it to)" : ""));
        }
    }

    /**
     * Finds OpenRouter's {@code openapi.yaml}: the file named by system property {@value #SPEC_PROPERTY} if set,
     * else the copy the repository keeps in {@code camel-llmrouter-test/src/test/resources/openrouter/}, looked for
     * from the working directory upwards (so the test module, a sibling module and the repository root all find
     * it).
     *
     * @return the spec's path, or empty if it cannot be found
     */
    public static Optional<Path> locateSpec() {
        return locateSpec(System.getProperty(SPEC_PROPERTY), Paths.get(""));
    }

    /**
     * The spec to validate against, as {@link #locateSpec()} finds it; a missing spec is an error, never a reason
     * to skip.
     *
     * @throws IllegalStateException naming where it was looked for, when it is not there
     */
    public static Path requireSpec() {
        return locateSpec().orElseThrow(() -> new IllegalStateException("OpenRouter's openapi.yaml not found: it"
                + " belongs in " + MODULE + "/" + SPEC_IN_MODULE + " (looked upwards from "
                + Paths.get("").toAbsolutePath() + "), or set -D" + SPEC_PROPERTY + "=<file>"));
    }

    static Optional<Path> locateSpec(String specFile, Path start) {
        if (specFile != null && !specFile.isBlank()) {
            Path candidate = Paths.get(specFile.trim());
            return Files.isRegularFile(candidate) ? Optional.of(candidate.toAbsolutePath().normalize())
                    : Optional.empty();
        }
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            boolean isModule = dir.getFileName() != null && dir.getFileName().toString().equals(MODULE);
            Path candidate = (isModule ? dir : dir.resolve(MODULE)).resolve(SPEC_IN_MODULE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Validates {@code instance} against {@code components/schemas/<schemaName>}.
     *
     * @return an empty list if the instance is valid, otherwise one human-readable message per violation, each
     *         starting with the JSON path of the offending value (e.g.
     *         {@code $.provider: property 'cheapest' is not defined in the schema ...}) and ending with the
     *         keyword and schema location that rejected it
     * @throws IllegalArgumentException if the spec has no schema of that name
     */
    public List<String> validate(String schemaName, JsonNode instance) {
        Objects.requireNonNull(instance, "instance");
        JsonSchema schema = schema(schemaName);
        Set<ValidationMessage> violations = schema.validate(instance);
        if (violations.isEmpty()) {
            return List.of();
        }
        List<String> messages = narrowByDiscriminator(new ArrayList<>(violations));
        messages.sort(BY_LOCATION_THEN_TEXT);
        return messages;
    }

    /**
     * Like {@link #validate(String, JsonNode)} but throws if the instance is invalid.
     *
     * @throws AssertionError listing every violation if the instance is invalid
     */
    public void assertValid(String schemaName, JsonNode instance) {
        List<String> messages = validate(schemaName, instance);
        if (!messages.isEmpty()) {
            StringBuilder text = new StringBuilder()
                    .append("JSON is not valid against OpenRouter schema '").append(schemaName).append("' (")
                    .append(messages.size()).append(messages.size() == 1 ? " violation" : " violations")
                    .append("):");
            for (String message : messages) {
                text.append(System.lineSeparator()).append("  - ").append(message);
            }
            throw new AssertionError(text.toString());
        }
    }

    /** @return the file this instance was loaded from */
    public Path source() {
        return source;
    }

    /** @return the {@code openapi} version string of the loaded document, e.g. {@code 3.1.0} */
    public String openapiVersion() {
        return openapiVersion;
    }

    /**
     * @return the OpenAPI 3.0-style constructs that {@link #load(Path)} rewrote into their 3.1 equivalents (see
     *         {@code normalizeOpenApi30Bounds}), one line each with its JSON Pointer; empty for a clean 3.1 spec
     */
    public List<String> repairs() {
        return repairs;
    }

    /** @return whether the spec defines {@code components/schemas/<schemaName>} */
    public boolean hasSchema(String schemaName) {
        return schemaName != null && schemas.has(schemaName);
    }

    private JsonSchema schema(String schemaName) {
        Objects.requireNonNull(schemaName, "schemaName");
        if (!schemas.has(schemaName)) {
            throw new IllegalArgumentException("OpenRouter spec " + source + " has no schema components/schemas/" + schemaName);
        }
        return compiled.computeIfAbsent(schemaName, this::compile);
    }

    private JsonSchema compile(String schemaName) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$ref", "#/components/schemas/" + pointerSegment(schemaName));
        // Shared, not copied: the per-name documents only differ in their root $ref.
        root.set("components", components);
        SchemaLocation location = SchemaLocation.of(documentIriPrefix + iriSafe(schemaName));
        JsonSchema schema = FACTORY.getSchema(location, root, CONFIG);
        schema.initializeValidators();
        return schema;
    }

    /**
     * Turns networknt's messages into text, using {@code discriminator} to leave out the explanations of
     * {@code oneOf}/{@code anyOf} alternatives the instance did not select. Reporting only: the list is non-empty
     * exactly when networknt found the instance invalid, and every {@code oneOf}/{@code anyOf} failure itself is
     * always kept.
     */
    private List<String> narrowByDiscriminator(List<ValidationMessage> violations) {
        Set<ValidationMessage> hidden = new HashSet<>();
        List<String> extra = new ArrayList<>();
        // Outer keywords first, so that a oneOf inside an alternative that is already left out is skipped too.
        List<ValidationMessage> outermostFirst = new ArrayList<>(violations);
        outermostFirst.sort(Comparator.comparingInt(m -> m.getEvaluationPath().getNameCount()));
        for (ValidationMessage failure : outermostFirst) {
            String keyword = failure.getType();
            if (hidden.contains(failure) || (!"oneOf".equals(keyword) && !"anyOf".equals(keyword))) {
                continue;
            }
            JsonNode owner = schemaOwning(failure);
            JsonNode discriminator = owner == null ? null : owner.get("discriminator");
            JsonNode instance = failure.getInstanceNode();
            if (discriminator == null || !discriminator.path("propertyName").isTextual()
                    || instance == null || !instance.isObject()) {
                continue;
            }
            String property = discriminator.get("propertyName").textValue();
            JsonNode value = instance.get(property);
            if (value == null || !value.isTextual()) {
                continue; // nothing selects an alternative: keep every alternative's explanation
            }
            JsonNode alternatives = owner.get(keyword);
            JsonNode mapped = discriminator.path("mapping").get(value.textValue());
            String target = mapped != null && mapped.isTextual()
                    ? mapped.textValue()
                    : "#/components/schemas/" + value.textValue();
            int selected = -1;
            for (int i = 0; i < alternatives.size(); i++) {
                if (target.equals(alternatives.get(i).path("$ref").asText(null))) {
                    selected = i;
                }
            }
            List<String> known = new ArrayList<>();
            if (discriminator.path("mapping").isObject()) {
                discriminator.get("mapping").fieldNames().forEachRemaining(known::add);
            } else {
                for (JsonNode alternative : alternatives) {
                    String ref = alternative.path("$ref").asText("");
                    known.add(ref.substring(ref.lastIndexOf('/') + 1));
                }
            }
            for (ValidationMessage other : violations) {
                if (other != failure && isInsideAlternative(other, failure)
                        && alternativeIndex(other, failure) != selected) {
                    hidden.add(other);
                }
            }
            if (selected < 0) {
                extra.add(failure.getInstanceLocation().append(property) + ": discriminator value '"
                        + value.textValue() + "' selects no alternative; expected one of " + known
                        + " [discriminator at #" + failure.getSchemaLocation().getFragment().getParent() + "]");
            }
        }
        List<String> messages = new ArrayList<>(violations.size() + extra.size());
        for (ValidationMessage m : violations) {
            if (!hidden.contains(m)) {
                messages.add(describe(m));
            }
        }
        messages.addAll(extra);
        return messages;
    }

    /** The schema object that holds the failing {@code oneOf}/{@code anyOf} keyword. */
    private JsonNode schemaOwning(ValidationMessage failure) {
        JsonNodePath keywordPointer = failure.getSchemaLocation().getFragment();
        if (keywordPointer == null || keywordPointer.getNameCount() < 1) {
            return null;
        }
        JsonNode node = pointerRoot.at(keywordPointer.getParent().toString());
        return node.isObject() ? node : null;
    }

    /** Whether {@code other} was produced while evaluating one of {@code failure}'s alternatives. */
    private static boolean isInsideAlternative(ValidationMessage other, ValidationMessage failure) {
        JsonNodePath keywordPath = failure.getEvaluationPath();
        return other.getEvaluationPath().getNameCount() > keywordPath.getNameCount()
                && other.getEvaluationPath().startsWith(keywordPath)
                && other.getInstanceLocation().startsWith(failure.getInstanceLocation());
    }

    /** Index of the alternative of {@code failure} under which {@code other} was produced. */
    private static int alternativeIndex(ValidationMessage other, ValidationMessage failure) {
        Object element = other.getEvaluationPath().getElement(failure.getEvaluationPath().getNameCount());
        return element instanceof Integer ? (Integer) element : -1;
    }

    private static String describe(ValidationMessage m) {
        StringBuilder text = new StringBuilder(m.getMessage());
        if (m.getProperty() != null && !m.getMessage().contains(m.getProperty())) {
            text.append(" (property '").append(m.getProperty()).append("')");
        }
        text.append(" [").append(m.getType());
        if (m.getSchemaLocation() != null) {
            String location = m.getSchemaLocation().toString();
            int hash = location.indexOf('#');
            text.append(" at ").append(hash >= 0 ? location.substring(hash) : location);
        }
        return text.append(']').toString();
    }

    /** Escapes a schema name for use as one JSON Pointer segment inside a URI fragment. */
    private static String pointerSegment(String name) {
        String escaped = name.replace("~", "~0").replace("/", "~1");
        StringBuilder out = new StringBuilder(escaped.length());
        for (byte b : escaped.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String iriSafe(String name) {
        return pointerSegment(name).replace("~", "%7E");
    }

    @Override
    public String toString() {
        return "OpenRouterSchema[" + source + ", openapi " + openapiVersion + ", " + schemas.size() + " schemas]";
    }
}

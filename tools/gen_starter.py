#!/usr/bin/env python3
"""Writes the Spring Boot starter's properties class from the component's generated catalog JSON.

    python3 tools/gen_starter.py

Reads  camel-llmrouter/src/generated/resources/META-INF/dev/llmrouter/camel/llmrouter.json (componentProperties)
Writes camel-llmrouter-starter/src/main/java/dev/llmrouter/camel/springboot/LlmRouterComponentConfiguration.java
       and the "hints" of camel-llmrouter-starter/src/main/resources/META-INF/additional-spring-configuration-metadata.json

Run it whenever component options change (after the component build has regenerated llmrouter.json) and commit the
output. Every component option becomes one flat property camel.component.llmrouter.<kebab-name>, as in Camel's
first-party starters, with these type choices:

* duration options (long milliseconds in the component) are java.time.Duration: "30s", "PT2M" or plain milliseconds;
* object options (a DataSource, an ExecutorService, the BudgetLedger, SSLContextParameters, the configuration
  object, the tools list) are bean references: a bean name, "#name" or "#bean:name"; which options they are, and
  the type each bean must have, is read from the JSON (type object or array, javaType not a value type), and written
  into the generated class as REFERENCE_TYPES for LlmRouterPropertiesApplier;
* enum-typed options (javaType one of the component's enums, e.g. dev.llmrouter.camel.LlmRouterDialect) are String
  properties: the applier hands the text to the component's configurer, whose converter reads it as Camel does for
  an endpoint URI (ignoring case, - and _) and fails with the component's message naming the allowed values, which
  the applier reports under the property's name. The allowed values are in the property's description and, for
  the IDE, in the metadata's hints (written for every option whose catalog entry lists values);
* the four maps (profiles, targetDefinitions, budgets, mcpServerDefinitions) are typed by hand in HAND_WRITTEN below.

Drift check: `python3 tools/gen_starter.py --check` writes nothing and exits 1 when the committed file differs from
what the JSON gives (.ci/run runs it after the build).

The javadoc of every field is the option's description (spring-boot-configuration-processor turns it into the
metadata's description); the field initialiser is the option's default.
"""
import json
import pathlib
import re
import sys
import textwrap

ROOT = pathlib.Path(__file__).resolve().parent.parent
CATALOG = ROOT / "camel-llmrouter/src/generated/resources/META-INF/dev/llmrouter/camel/llmrouter.json"
OUT = ROOT / "camel-llmrouter-starter/src/main/java/dev/llmrouter/camel/springboot/LlmRouterComponentConfiguration.java"
# its "hints" (the allowed values of every option with a fixed set, for the IDE) are written here; "properties" is
# hand-written and kept
METADATA = ROOT / "camel-llmrouter-starter/src/main/resources/META-INF/additional-spring-configuration-metadata.json"

# options typed by hand (maps of nested definitions); the generator writes their fields from these snippets
HAND_WRITTEN = {
    "profiles": (
        "Map<String, Map<String, String>>", "new LinkedHashMap<>()",
        "Routing profiles: named sets of endpoint options (e.g. cheap, balanced, frontier) that an endpoint applies"
        " with option profile (llmrouter:chat?profile=cheap); the endpoint URI's own options win. Keys are endpoint"
        " option names, in kebab-case (max-retries) or camelCase (maxRetries): camel.component.llmrouter.profiles"
        ".cheap.model=openai/gpt-5-nano."),
    "targetDefinitions": (
        "Map<String, LlmRouterTargetProperties>", "new LinkedHashMap<>()",
        "Named targets (servers) that endpoints list in their targets option, by name: each with base-url, api-key,"
        " dialect, model, models (model mapping) and timeouts."),
    "budgets": (
        "Map<String, LlmRouterBudget>", "new LinkedHashMap<>()",
        "Named budgets that endpoints book calls on (option budget): amount in USD, period (none, hourly, daily,"
        " weekly, monthly), time zone, optionally rpm and tpm (requests and tokens per minute, see option"
        " on-rate-limited), and scope (global, route, endpoint, header or a simple expression such as"
        " $simple{header.tenant}; unset: the endpoint's budget-scope)."),
    "mcpServerDefinitions": (
        "Map<String, LlmRouterMcpServer>", "new LinkedHashMap<>()",
        "Named MCP servers that endpoints take tools from (option mcp-servers), by name: each with url (streamable"
        " HTTP) and headers, or command, args and env (stdio); optional (start without it when it cannot be reached),"
        " tools (names or globs) and timeout in milliseconds."),
}

BOXED = {
    "int": "Integer", "java.lang.Integer": "Integer",
    "long": "Long", "java.lang.Long": "Long",
    "float": "Float", "java.lang.Float": "Float",
    "double": "Double", "java.lang.Double": "Double",
    "boolean": "Boolean", "java.lang.Boolean": "Boolean",
    "java.lang.String": "String",
    "java.math.BigDecimal": "BigDecimal",
    "java.util.Map<java.lang.String, java.lang.String>": "Map<String, String>",
    "java.util.Map<java.lang.String, java.lang.Object>": "Map<String, Object>",
}


def kebab(name):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()


def reference_types(props):
    """Object options given as bean references, and the class the bean must have (the javaType without generics)."""
    return {name: p["javaType"].split("<")[0] for name, p in props.items()
            if name not in HAND_WRITTEN and p["type"] in ("object", "array") and p["javaType"] not in BOXED}


def java_type(name, p, refs):
    if name in HAND_WRITTEN:
        return HAND_WRITTEN[name][0]
    if name in refs:
        return "String"
    if p["type"] == "duration":
        return "Duration"
    if p["type"] == "enum" and p["javaType"] not in BOXED:
        # one of the component's enums: the text goes to the component's converter (see the module docstring)
        return "String"
    t = BOXED.get(p["javaType"])
    if t is None:
        raise SystemExit(f"option {name}: no mapping for java type {p['javaType']} - extend BOXED")
    return t


def initialiser(name, p, jt, refs):
    if name in HAND_WRITTEN:
        return HAND_WRITTEN[name][1]
    d = p.get("defaultValue")
    if d is None or name in refs:
        return None
    if jt == "Duration":
        return f"Duration.ofMillis({int(d)})"
    if jt == "Boolean":
        return "true" if str(d).lower() == "true" else "false"
    if jt == "Integer":
        return str(int(d))
    if jt == "Long":
        return f"{int(d)}L"
    if jt == "Float":
        return f"{float(d)}F"
    if jt == "Double":
        return f"{float(d)}D"
    if jt == "BigDecimal":
        return f'new BigDecimal("{d}")'
    if jt == "String":
        return json.dumps(str(d))
    raise SystemExit(f"option {name}: cannot write default {d!r} for {jt}")


def description(name, p, refs):
    if name in HAND_WRITTEN:
        text = HAND_WRITTEN[name][2]
    else:
        text = p.get("description", "").strip()
        if text and not text.endswith("."):
            text += "."
        if p.get("enum"):
            text += " One of: " + ", ".join(p["enum"]) + "."
        if p["type"] == "duration":
            text += " A duration such as 30s or PT2M; a plain number is milliseconds."
        if name in refs:
            text += (" A reference to a bean of type " + refs[name]
                     + " in the application context: its name, #name or #bean:name.")
        if p.get("secret"):
            text += " Secret: use a placeholder such as ${OPENROUTER_API_KEY} rather than the value itself."
    text = text.replace("*/", "*&#47;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def javadoc(text, indent="    "):
    lines = textwrap.wrap(text, 110 - len(indent) - 3, break_long_words=False, break_on_hyphens=False)
    return indent + "/**\n" + "".join(f"{indent} * {l}\n" for l in lines) + indent + " */\n"


def main():
    props = json.loads(CATALOG.read_text())["componentProperties"]
    # the component's own options, in catalog order; the two Camel generic ones too (lazyStartProducer, autowiredEnabled)
    names = list(props.keys())
    ref_types = reference_types(props)
    fields, accessors, simple, refs, table = [], [], [], [], []
    for name in sorted(names, key=lambda n: (props[n].get("group", ""), n)):
        p = props[name]
        jt = java_type(name, p, ref_types)
        init = initialiser(name, p, jt, ref_types)
        fields.append(javadoc(description(name, p, ref_types)) + f"    private {jt} {name}" + (f" = {init}" if init else "") + ";\n")
        cap = name[0].upper() + name[1:]
        accessors.append(f"    public {jt} get{cap}() {{\n        return {name};\n    }}\n\n"
                         f"    public void set{cap}({jt} {name}) {{\n        this.{name} = {name};\n    }}\n")
        table.append(f'        p.put("{name}", "{kebab(name)}");\n')
        if name in HAND_WRITTEN:
            continue
        if name in ref_types:
            refs.append(f'        ref(out, "{name}", {name});\n')
        else:
            default = init if init else "null"
            value = f"{name}.toMillis()" if jt == "Duration" else name
            if jt == "Duration":
                # as text (milliseconds): Camel's configurer converts text to the option's Duration
                default_text = f'"{int(p["defaultValue"])}"' if init else "null"
                simple.append(f'        option(out, "{name}", {name} == null ? null : String.valueOf({value}), '
                              f'{default_text});\n')
            else:
                simple.append(f'        option(out, "{name}", {name}, {default});\n')

    fields_src = "".join(f + "\n" for f in fields)
    accessors_src = "".join(a + "\n" for a in accessors)
    simple_src, refs_src, table_src = "".join(simple), "".join(refs), "".join(table)
    types_src = "".join(f'        t.put("{n}", {c}.class);\n' for n, c in sorted(ref_types.items()))
    src = f'''package dev.llmrouter.camel.springboot;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.llmrouter.camel.LlmRouterBudget;
import dev.llmrouter.camel.LlmRouterMcpServer;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Send messages to LLMs through OpenRouter or any OpenAI-compatible server (the llmrouter component): every
 * component option as a property camel.component.llmrouter.*, with the component's defaults.
 *
 * Generated by tools/gen_starter.py from the component's llmrouter.json - do not edit this file, run the script.
 */
@ConfigurationProperties(prefix = "camel.component.llmrouter")
public class LlmRouterComponentConfiguration extends ComponentConfigurationPropertiesCommon {{

    /** The property prefix. */
    public static final String PREFIX = "camel.component.llmrouter";

    /** Component option name to its property name below {{@link #PREFIX}}. */
    static final Map<String, String> PROPERTY_NAMES = propertyNames();

    /** The options given as bean references, and the type the bean must have (from the options' javaType). */
    static final Map<String, Class<?>> REFERENCE_TYPES = referenceTypes();

{fields_src}    /**
     * Whether budgets are kept in the application's DataSource bean (the JDBC ledger, shared by every instance)
     * when ledger-data-source does not name one: the DataSource must then be the only one, or the primary one.
     * Off by default: budgets are then kept in memory unless ledger-data-source or budget-ledger says otherwise.
     */
    private Boolean useDataSourceLedger = false;

    /**
     * Whether the starter creates the component when the application starts and checks its options, and every
     * profile, target definition and budget, so that an invalid value fails the start with a message that names
     * the property (otherwise options are only checked when a route first uses an endpoint).
     */
    private Boolean validateOnStartup = true;

{accessors_src}    public Boolean getUseDataSourceLedger() {{
        return useDataSourceLedger;
    }}

    public void setUseDataSourceLedger(Boolean useDataSourceLedger) {{
        this.useDataSourceLedger = useDataSourceLedger;
    }}

    public Boolean getValidateOnStartup() {{
        return validateOnStartup;
    }}

    public void setValidateOnStartup(Boolean validateOnStartup) {{
        this.validateOnStartup = validateOnStartup;
    }}

    /**
     * The options set to something other than the component's default, by component option name (durations in
     * milliseconds, as text), without the bean references and the three maps: what the customizer applies.
     */
    Map<String, Object> componentOptions() {{
        Map<String, Object> out = new LinkedHashMap<>();
{simple_src}        return out;
    }}

    /** The bean references that are set, by component option name. */
    Map<String, String> beanReferences() {{
        Map<String, String> out = new LinkedHashMap<>();
{refs_src}        return out;
    }}

    private static void option(Map<String, Object> out, String name, Object value, Object defaultValue) {{
        if (value != null && !Objects.equals(value, defaultValue)) {{
            out.put(name, value);
        }}
    }}

    private static void ref(Map<String, String> out, String name, String value) {{
        if (value != null && !value.isBlank()) {{
            out.put(name, value.trim());
        }}
    }}

    private static Map<String, String> propertyNames() {{
        Map<String, String> p = new LinkedHashMap<>();
{table_src}        return Collections.unmodifiableMap(p);
    }}

    private static Map<String, Class<?>> referenceTypes() {{
        Map<String, Class<?>> t = new LinkedHashMap<>();
{types_src}        return Collections.unmodifiableMap(t);
    }}
}}
'''
    metadata = json.loads(METADATA.read_text())
    metadata["hints"] = [{"name": f"camel.component.llmrouter.{kebab(n)}", "values": [{"value": v} for v in p["enum"]]}
                         for n, p in sorted(props.items()) if p.get("enum") and n not in HAND_WRITTEN]
    metadata_src = json.dumps(metadata, indent=2, ensure_ascii=False) + "\n"
    if "--check" in sys.argv[1:]:
        stale = [f for f, text in ((OUT, src), (METADATA, metadata_src)) if f.read_text() != text]
        for f in stale:
            print(f"{f.relative_to(ROOT)} is out of date with llmrouter.json: run python3 tools/gen_starter.py"
                  " (after the component build) and commit the result", file=sys.stderr)
        if stale:
            sys.exit(1)
        return
    OUT.write_text(src)
    METADATA.write_text(metadata_src)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(names)} options, and {len(metadata['hints'])} value hints")


if __name__ == "__main__":
    main()

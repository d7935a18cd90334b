package dev.llmrouter.camel.agent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POJO as the arguments of a tool: the tool's JSON Schema is derived from its fields as for option
 * {@code outputClass}, a route tool's exchange gets the arguments as an instance of it, and the annotation's
 * {@link #name()} and {@link #description()} name and describe the tool unless the tool sets them itself.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LlmTool {

    /** The function name the model calls; empty: the tool's own (for a route tool, from its endpoint URI). */
    String name() default "";

    /** What the tool does, written for the model; empty: the tool's own (for a route tool, its route's). */
    String description() default "";
}

package dev.llmrouter.examples.springboot;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;

import dev.llmrouter.camel.LlmRouterConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Sends a few messages through the route once the application has started, and prints answers and spend. */
@Component
public class ClassifyRunner implements ApplicationRunner {

    static final List<String> MESSAGES = List.of(
            "My invoice shows a double charge, can I get a refund?",
            "The parcel never arrived at my address.",
            "How do I change my password?");

    private final ProducerTemplate template;
    private final CamelContext camelContext;
    private final Environment environment;
    private final PrintStream out;

    public ClassifyRunner(ProducerTemplate template, CamelContext camelContext, Environment environment,
                          ObjectProvider<SpringBootExampleApp.ExampleOutput> output) {
        this.template = template;
        this.camelContext = camelContext;
        this.environment = environment;
        SpringBootExampleApp.ExampleOutput o = output.getIfAvailable();
        this.out = o != null ? o.out() : System.out;
    }

    @Override
    public void run(ApplicationArguments args) {
        BigDecimal total = BigDecimal.ZERO;
        for (String message : MESSAGES) {
            Exchange ex = template.send("direct:classify", e -> e.getMessage().setBody(message));
            if (ex.getException() != null) {
                out.println("FAILED    " + message + " -> " + ex.getException().getMessage());
                continue;
            }
            BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.ZERO, BigDecimal.class);
            total = total.add(cost);
            out.printf("%-9s %-55s model=%s cost=$%s%n", ex.getMessage().getBody(String.class).trim(), message,
                    ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL), cost.toPlainString());
        }
        out.println("Total cost: $" + total.toPlainString());
        DevConsoleRegistry consoles = camelContext.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
        DevConsole console = consoles == null ? null : consoles.resolveById("llmrouter");
        if (console != null) {
            out.println("Dev console llmrouter:");
            out.println(console.call(DevConsole.MediaType.TEXT));
        }
        String port = environment.getProperty("local.server.port");
        if (port != null) {
            out.println("Spend as JSON:  curl http://localhost:" + port + "/actuator/camel/llmrouter");
            out.println("Meters:         curl http://localhost:" + port + "/actuator/metrics/llmrouter.cost");
        }
    }
}

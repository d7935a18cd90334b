package dev.llmrouter.examples.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentPipelineExampleTest {

    @Test
    void classifiesEveryTicketAgainstTheEmulatorWithinTheBudget() throws Exception {
        Path outputDir = Path.of("target", "document-pipeline-test");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DocumentPipelineApp.Summary summary = DocumentPipelineApp.run(null, null, outputDir,
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String output = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        String[] lines = output.split("\\R");

        assertTrue(lines[0].startsWith("No OPENROUTER_API_KEY set: using the local OpenRouter emulator at http://127.0.0.1:"),
                lines[0]);
        assertTrue(output.contains("[ 10/50] spent $"), output);
        assertTrue(output.contains("[ 50/50] spent $"), output);

        // 50 rows, one per ticket file, every one classified
        List<String> rows = Files.readAllLines(summary.results(), StandardCharsets.UTF_8);
        assertEquals("file,status,category,priority,language,model,cost_usd,escalated,summary", rows.get(0));
        List<String> data = rows.subList(1, rows.size());
        assertEquals(50, data.size());
        Set<String> ticketFiles;
        try (Stream<Path> files = Files.list(DocumentPipelineApp.sampleTickets(outputDir))) {
            ticketFiles = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(50, ticketFiles.size());
        Set<String> seen = new HashSet<>();
        for (String row : data) {
            String[] cells = row.split(",", -1);
            assertTrue(seen.add(cells[0]), "twice: " + cells[0]);
            assertEquals("ok", cells[1], row);
        }
        assertEquals(ticketFiles, seen);
        assertEquals(50, summary.classified());
        assertEquals(0, summary.failed());

        // the emulator's answers came through the schema, and the invalid ones were escalated
        Map<String, EmulatorAnswers.Answer> expected = EmulatorAnswers.load().stream()
                .collect(Collectors.toMap(EmulatorAnswers.Answer::file, a -> a));
        for (String row : data) {
            String[] cells = row.split(",", -1);
            EmulatorAnswers.Answer a = expected.get(cells[0]);
            assertEquals(a.category(), cells[2], row);
            assertEquals(a.priority(), cells[3], row);
            assertEquals(a.language(), cells[4], row);
            assertEquals(String.valueOf(a.escalates()), cells[7], row);
            assertEquals(a.escalates() ? DocumentPipelineApp.STRONG_MODEL : cells[5], cells[5], row);
        }
        assertEquals(4, summary.escalated());
        assertEquals(3, summary.documentsByModel().get(DocumentPipelineApp.CHEAP_FALLBACK));
        assertEquals(4, summary.documentsByModel().get(DocumentPipelineApp.STRONG_MODEL));
        assertTrue(summary.maxInFlight() <= DocumentPipelineApp.CONCURRENCY, "in flight " + summary.maxInFlight());

        // the cost report and a chart that parses as XML
        String report = Files.readString(summary.report(), StandardCharsets.UTF_8);
        assertTrue(report.contains("| " + DocumentPipelineApp.CHEAP_MODEL + " |"), report);
        assertTrue(report.contains("| " + DocumentPipelineApp.STRONG_MODEL + " |"), report);
        assertTrue(report.contains("# Cost by route") && report.contains("| classify"), report);
        assertTrue(report.contains("# Cost by day (UTC)"), report);
        assertTrue(Files.size(summary.chart()) > 0);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document svg = factory.newDocumentBuilder().parse(summary.chart().toFile());
        assertEquals("svg", svg.getDocumentElement().getLocalName());

        // cost: positive, within the budget, and the usage log agrees with the per-document costs
        BigDecimal total = summary.totalCost();
        assertTrue(total.signum() > 0, total.toPlainString());
        assertTrue(total.compareTo(DocumentPipelineApp.BUDGET_USD) <= 0, total.toPlainString());
        BigDecimal perDocument = data.stream().map(r -> new BigDecimal(r.split(",", -1)[6]))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, total.compareTo(perDocument), total + " vs " + perDocument);
        assertTrue(output.contains("Total cost: $" + total.toPlainString()), output);
    }
}

package dev.llmrouter.camel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Java block of README.md, examples/README.md and docs/*.md is code that a test runs: it stands, unchanged,
 * in a {@code // doc:} region of a test source (see {@link DocSnippets}); and every such region is still shown by
 * its document. YAML blocks are routes that {@link DocRoutesTest} loads from the Markdown itself, or the
 * application.yaml that the starter's SpringBootDocTest starts. A block no test can run is listed below with the
 * reason.
 */
class DocSnippetsTest {

    /** Blocks that are not run, keyed by document and the block's first line, with the reason. */
    private static final Map<String, String> NOT_RUN = Map.of(
            "docs/migrating-from-camel-openai.md|// camel-openai (4.18): the key comes from OPENAI_API_KEY or"
            + " camel.component.openai.api-key",
            "the camel-openai route the migration starts from: another component, not a dependency of this build");

    @Test
    void everyJavaBlockRunsInATest() {
        List<DocSnippets.Region> regions = DocSnippets.regions();
        List<String> untested = new ArrayList<>();
        int checked = 0;
        for (Path md : DocSnippets.markdownFiles()) {
            for (DocSnippets.Block block : DocSnippets.blocks(md, "java")) {
                checked++;
                String firstLine = block.text().lines().findFirst().orElse("");
                if (NOT_RUN.containsKey(block.doc() + "|" + firstLine)) {
                    continue;
                }
                boolean run = regions.stream()
                        .anyMatch(r -> r.doc().equals(block.doc()) && r.text().equals(block.text()));
                if (!run) {
                    untested.add(block.where() + " (" + firstLine + ")");
                }
            }
        }
        assertTrue(checked > 10, "found only " + checked + " java blocks: is the repository root right?");
        assertEquals(List.of(), untested,
                "java blocks that no test runs: copy each into a '// doc: <file>' ... '// end doc' region of a test"
                                          + " (e.g. DocRoutesTest) exactly as shown, or change the doc to match the test");
    }

    @Test
    void everyRegionIsShownByItsDocument() {
        List<String> stale = new ArrayList<>();
        List<DocSnippets.Region> regions = DocSnippets.regions();
        for (DocSnippets.Region region : regions) {
            List<DocSnippets.Block> blocks = DocSnippets.blocks(DocSnippets.ROOT.resolve(region.doc()), "java");
            if (blocks.stream().noneMatch(b -> b.text().equals(region.text()))) {
                stale.add(region.where() + " (for " + region.doc() + ")");
            }
        }
        assertTrue(regions.size() > 10, "found only " + regions.size() + " regions");
        assertEquals(List.of(), stale, "'// doc:' regions that their document no longer shows as written");
    }

    @Test
    void everyYamlBlockIsARouteOrTheStarterDoc() {
        List<String> other = new ArrayList<>();
        for (Path md : DocSnippets.markdownFiles()) {
            List<DocSnippets.Block> blocks = DocSnippets.blocks(md, "yaml");
            for (int i = 0; i < blocks.size(); i++) {
                DocSnippets.Block block = blocks.get(i);
                boolean route = block.text().startsWith("- route:");
                boolean starterApplication = block.doc().equals("docs/spring-boot.md") && i == 0;
                if (!route && !starterApplication) {
                    other.add(block.where());
                }
            }
        }
        assertEquals(List.of(), other, "yaml blocks that no test loads");
    }
}

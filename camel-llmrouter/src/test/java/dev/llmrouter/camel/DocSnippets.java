package dev.llmrouter.camel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the code the documentation shows and the code the tests run, so that one can be held against the other.
 * <ul>
 * <li>A <em>block</em> is a fenced code block of a Markdown file (```java ... ```).</li>
 * <li>A <em>region</em> is a stretch of a Java source between a line {@code // doc: <markdown path>} and a line
 * {@code // end doc}: the code a test runs as the named document shows it.</li>
 * </ul>
 * Both are compared after {@link #normalize}: common indentation, trailing blanks and blank edge lines removed.
 */
final class DocSnippets {

    /** The repository's root, seen from a module's directory (where Surefire runs). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The Markdown files whose code is held to the tests: README.md, examples/README.md and docs/*.md. */
    static List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        files.add(ROOT.resolve("examples/README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    record Block(String doc, int line, String lang, String text) {
        String where() {
            return doc + ":" + line;
        }
    }

    record Region(String doc, Path source, int line, String text) {
        String where() {
            return ROOT.relativize(source) + ":" + line;
        }
    }

    /** The fenced blocks of {@code md} in language {@code lang}, with the line of their opening fence. */
    static List<Block> blocks(Path md, String lang) {
        List<String> lines = read(md);
        List<Block> out = new ArrayList<>();
        String doc = ROOT.relativize(md).toString().replace('\\', '/');
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```" + lang)) {
                int start = i;
                StringBuilder text = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                out.add(new Block(doc, start + 1, lang, normalize(text.toString())));
            }
        }
        return out;
    }

    /** Every region in the Java sources of the repository's test and main trees (target/ left out). */
    static List<Region> regions() {
        List<Region> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !ROOT.relativize(p).toString().contains("target"))
                    .filter(p -> !ROOT.relativize(p).startsWith(".git"))
                    .sorted().toList()) {
                regions(file, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void regions(Path file, List<Region> out) {
        List<String> lines = read(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("// doc: ")) {
                String doc = line.substring("// doc: ".length()).strip();
                int start = i;
                StringBuilder text = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).strip().equals("// end doc"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                if (i == lines.size()) {
                    throw new IllegalStateException(file + ":" + (start + 1) + ": '// doc:' without '// end doc'");
                }
                out.add(new Region(doc, file, start + 1, normalize(text.toString())));
            }
        }
    }

    /** Removes blank lines at both ends, trailing blanks and the indentation all lines share. */
    static String normalize(String text) {
        List<String> lines = new ArrayList<>(text.lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        int indent = lines.stream().filter(l -> !l.isEmpty())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            out.append(l.isEmpty() ? l : l.substring(indent)).append('\n');
        }
        return out.toString();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DocSnippets() {
    }
}

package dev.llmrouter.examples.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.llmrouter.test.OpenRouterEmulator;

/**
 * Emulator mode only: teaches the local OpenRouter emulator what a model would answer for each sample ticket, from
 * {@code emulator/answers.tsv}. The answer is keyed by the ticket's subject line (the emulator matches text in the
 * last user message). For the tickets whose last column holds an invalid answer, the two cheap models give that
 * answer (prose, broken JSON, an unknown enum value, an extra property), so the schema check rejects it and the
 * call escalates to the strong model, which gives the valid one.
 */
final class EmulatorAnswers {

    /** One line of answers.tsv. */
    record Answer(String file, String category, String priority, String language, String summary, String cheapAnswer) {

        String json() {
            return "{\"category\":\"" + category + "\",\"priority\":\"" + priority + "\",\"language\":\"" + language
                   + "\",\"summary\":\"" + summary.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        }

        boolean escalates() {
            return !cheapAnswer.isEmpty();
        }
    }

    private EmulatorAnswers() {
    }

    static List<Answer> load() {
        List<Answer> answers = new ArrayList<>();
        try (InputStream in = EmulatorAnswers.class.getResourceAsStream("/emulator/answers.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing resource emulator/answers.tsv");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                answers.add(new Answer(f[0], f[1], f[2], f[3], f[4], f.length > 5 ? f[5] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answers;
    }

    /** Registers the answers; the cheap models' invalid answers first, since the first matching script wins. */
    static void install(OpenRouterEmulator emulator, Path ticketsDir, List<String> cheapModels) {
        List<Answer> answers = load();
        for (Answer a : answers) {
            if (a.escalates()) {
                String key = subjectLine(ticketsDir.resolve(a.file()));
                for (String model : cheapModels) {
                    emulator.reply(model, key, a.cheapAnswer());
                }
            }
        }
        for (Answer a : answers) {
            emulator.replyJson(subjectLine(ticketsDir.resolve(a.file())), a.json());
        }
    }

    /** "Subject: ...\n", unique per sample ticket (with the line end, so "test" does not match "testing"). */
    static String subjectLine(Path ticket) {
        try {
            for (String line : Files.readAllLines(ticket, StandardCharsets.UTF_8)) {
                if (line.startsWith("Subject: ")) {
                    return line + "\n";
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(ticket + " has no Subject line");
    }
}

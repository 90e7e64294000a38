package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A test case file under {@code src/test/resources/crs/}. Its leading comment lines say what it is:
 * <pre>
 * # operation: update                      (optional: then the first document is the stored object, the second the update)
 * # rejected-by: maximum /spec/vmid        (a schema keyword and the path it fails at)
 * # rejected-by: rule /spec "vmid is immutable once set"   (a CEL rule: path and the rule's message)
 * # rejected-by: rules-skipped /           (the API server skipped the CEL rules after a blocking schema error)
 * </pre>
 * A file without {@code rejected-by} lines must be accepted.
 */
public record CrFixture(Path file, boolean update, List<Expectation> rejectedBy, List<ObjectNode> documents) {

    public static final Path ROOT = Path.of("src", "test", "resources", "crs");

    private static final Pattern REJECTED_BY =
            Pattern.compile("^#\\s*rejected-by:\\s*(\\S+)\\s+(\\S+)(?:\\s+\"(.*)\")?\\s*$");
    private static final Pattern OPERATION = Pattern.compile("^#\\s*operation:\\s*(create|update)\\s*$");

    /** One violation a fixture must produce; a null message matches any text. */
    public record Expectation(String keyword, String path, String message) {
        public boolean matches(Violation violation) {
            return keyword.equals(violation.keyword())
                    && path.equals(violation.path())
                    && (message == null || message.equals(violation.message()));
        }

        @Override
        public String toString() {
            return keyword + " " + path + (message == null ? "" : " \"" + message + "\"");
        }
    }

    public static List<CrFixture> in(String folder) {
        try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .sorted()
                    .map(CrFixture::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CrFixture read(Path file) {
        try {
            String text = Files.readString(file);
            boolean update = false;
            List<Expectation> expectations = new ArrayList<>();
            for (String line : text.lines()
                    .takeWhile(l -> l.startsWith("#") || l.isBlank())
                    .toList()) {
                Matcher operation = OPERATION.matcher(line);
                Matcher rejected = REJECTED_BY.matcher(line);
                if (operation.matches()) {
                    update = "update".equals(operation.group(1));
                } else if (rejected.matches()) {
                    expectations.add(new Expectation(rejected.group(1), rejected.group(2), rejected.group(3)));
                } else if (line.matches("^#\\s*(rejected-by|operation)\\b.*")) {
                    throw new IllegalArgumentException(file + ": cannot parse header line: " + line);
                }
            }
            List<ObjectNode> documents = Yaml.documents(text);
            if (documents.size() != (update ? 2 : 1)) {
                throw new IllegalArgumentException(
                        file + ": expected " + (update ? 2 : 1) + " documents, found " + documents.size());
            }
            return new CrFixture(file, update, List.copyOf(expectations), documents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectNode object() {
        return documents.get(documents.size() - 1);
    }

    public ApiServerValidation.Result submit(ApiServerValidation apiServer) {
        return update ? apiServer.update(documents.get(0), documents.get(1)) : apiServer.create(documents.get(0));
    }

    public String name() {
        return ROOT.relativize(file).toString();
    }
}

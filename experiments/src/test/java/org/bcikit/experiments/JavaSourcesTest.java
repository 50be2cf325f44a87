package org.bcikit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source reading that the architecture and documentation checks stand on. */
class JavaSourcesTest {

    private static final String SOURCE = """
            /** Licence header mentioning org.bcikit.experiments.cli.Bcikit. */
            package org.bcikit.decoders.demo;

            import org.bcikit.data.Recording;
            import static org.bcikit.manifold.fa.FactorAnalysis.fit;
            import org.bcikit.rnn.model.*;

            /** Links {@link org.bcikit.experiments.api.ScalarStats} only in a comment. */
            @SuppressWarnings({"unchecked", "rawtypes"})
            public final class Documented {
                // org.bcikit.experiments.results.RunStore in a line comment
                String s = "org.bcikit.experiments.sweep.Sweep";
                char c = '"';
                String block = \"""
                    org.bcikit.experiments.figures.Figure
                    \""";
                Object o = new org.bcikit.data.io.JsonFiles();
                Class<?> k = String.class;
                class Inner { }
            }

            @Deprecated
            public record Undocumented(int x) { }

            /** Package-private, documented. */
            enum Hidden { A }
            """;

    @Test
    void codeNamesCountButCommentsAndStringsDoNot(@TempDir Path root) throws IOException {
        JavaSources.SourceFile f = readOne(root);
        assertEquals("org.bcikit.decoders.demo", f.packageName());
        assertEquals("decoders", f.module());
        assertEquals(List.of("org.bcikit.data.Recording", "org.bcikit.manifold.fa.FactorAnalysis.fit",
                "org.bcikit.rnn.model", "org.bcikit.data.io.JsonFiles"), f.qualifiedNames());
    }

    @Test
    void findsTopLevelTypesTheirVisibilityAndDocComments(@TempDir Path root) throws IOException {
        assertEquals(List.of(new JavaSources.TopLevelType("Documented", true, true),
                        new JavaSources.TopLevelType("Undocumented", true, false),
                        new JavaSources.TopLevelType("Hidden", false, true)),
                readOne(root).types());
    }

    @Test
    void blankingKeepsOffsetsAndLines() {
        String s = "a /* b\nc */ \"d\\\"\" 'e' // f\ng";
        String blank = JavaSources.blankCommentsAndStrings(s);
        assertEquals(s.length(), blank.length());
        assertEquals("a " + " ".repeat(4) + "\n" + " ".repeat(19) + "\ng", blank);
    }

    private static JavaSources.SourceFile readOne(Path root) throws IOException {
        Path dir = root.resolve("decoders/src/main/java/org/bcikit/decoders/demo");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Documented.java"), SOURCE);
        List<JavaSources.SourceFile> files = JavaSources.read(root).files();
        assertEquals(1, files.size());
        return files.get(0);
    }
}

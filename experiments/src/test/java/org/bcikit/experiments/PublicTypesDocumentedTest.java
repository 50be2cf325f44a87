package org.bcikit.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every public top-level type has a doc comment. Javadoc's doclint runs in {@code mvn verify}
 * without its {@code missing} group, because that group also demands a comment, {@code @param}
 * and {@code @return} on every public member (about 1,500 gaps when this was written); this
 * keeps the part of it that matters most, a class-level comment saying what the type is for.
 */
class PublicTypesDocumentedTest {

    @Test
    void everyPublicTopLevelTypeHasADocComment() {
        JavaSources sources = JavaSources.project();
        List<String> undocumented = new ArrayList<>();
        int checked = 0;
        for (JavaSources.SourceFile f : sources.files()) {
            for (JavaSources.TopLevelType t : f.types()) {
                if (t.isPublic()) {
                    checked++;
                    if (!t.documented()) {
                        undocumented.add(sources.relative(f) + ": " + t.name());
                    }
                }
            }
        }
        assertTrue(checked > 100, "public top-level types found: " + checked);
        assertTrue(undocumented.isEmpty(), "public types without a doc comment:\n" + String.join("\n", undocumented));
    }
}

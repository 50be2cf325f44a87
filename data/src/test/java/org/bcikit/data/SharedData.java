package org.bcikit.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths to the shared real recordings beside the project root ({@code ../shared}). */
public final class SharedData {

    private SharedData() {
    }

    /** The project root: Maven passes it as {@code bcikit.root}; otherwise the parent of the module. */
    public static Path projectRoot() {
        String root = System.getProperty("bcikit.root");
        if (root != null && !root.isEmpty()) {
            return Path.of(root).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("pom.xml")) && Files.exists(here.resolve("data"))
                ? here : here.getParent();
    }

    /** A file under {@code ../shared}, for example {@code shared("data/golub2018/exampleData.mat")}. */
    public static Path shared(String relative) {
        return projectRoot().resolve("../shared").resolve(relative).normalize();
    }

    public static Path golub2018() {
        return shared("data/golub2018/exampleData.mat");
    }

    public static Path nwb(String name) {
        return shared("data/nwb/" + name);
    }
}

package org.bcikit.experiments.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What build of bcikit is running, as every results file records it. */
public final class BuildInfo {

    private BuildInfo() {
    }

    /** This build's version, such as {@code 0.1.0-SNAPSHOT}, as Maven wrote it into the jar. */
    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/bcikit/experiments/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

package org.bcikit.experiments.cli.options;

import org.bcikit.experiments.api.BuildInfo;

import picocli.CommandLine;

/** {@code --version} of every command: the version that Maven wrote into the jar. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"bcikit " + BuildInfo.version()};
    }
}

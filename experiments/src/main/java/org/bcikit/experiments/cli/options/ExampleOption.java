package org.bcikit.experiments.cli.options;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import org.bcikit.data.examples.ExampleSession;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --example NAME}: a session bundled in the jar ({@link ExampleSession}) in place of a
 * command's input file, declared once for every command that reads one. The command keeps its
 * own optional FILE (its description says what the file may be) and asks this mixin which of
 * the two was given: exactly one where an input is required.
 */
public final class ExampleOption {

    @Option(names = "--example", paramLabel = "NAME", completionCandidates = Names.class,
            description = "Read a session bundled in the jar instead of a file: ${COMPLETION-CANDIDATES}.")
    String name;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The file to read: {@code file}, or the bundled session extracted; exactly one must be given. */
    public Path resolve(Path file, String fileLabel) throws IOException {
        String ref = reference(file, fileLabel);
        if (ref == null) {
            throw new ParameterException(command.commandLine(), "Missing required parameter: '" + fileLabel
                    + "' (or --example NAME, one of " + String.join(", ", ExampleSession.names()) + ")");
        }
        return file != null ? file : ExampleSession.named(name).file();
    }

    /** What outputs call the input: {@code file} as given, {@code example:NAME}, or null for neither. */
    public String reference(Path file, String fileLabel) {
        if (file != null && name != null) {
            throw new ParameterException(command.commandLine(), "give " + fileLabel + " or --example NAME, not both");
        }
        if (name != null) {
            return ExampleSession.named(name).reference();
        }
        return file == null ? null : file.toString();
    }

    /** The names, for the help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ExampleSession.names().iterator();
        }
    }
}

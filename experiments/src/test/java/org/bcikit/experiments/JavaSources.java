package org.bcikit.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bcikit.data.SharedData;

/**
 * The main sources of every module, read as text. A small lexer blanks out comments and string
 * literals first, so a name in a comment (Javadoc links are often fully qualified precisely to
 * avoid an import) or in a string ({@code Class.forName}) never counts as a dependency, while a
 * fully qualified name in code does. Parsing with javac would be exact but slower than the
 * whole check is allowed to take, and the tree has no construct this reading gets wrong.
 */
final class JavaSources {

    /** Modules in build order: each may depend only on those before it. */
    static final List<String> MODULES = List.of("data", "manifold", "decoders", "rnn", "experiments");

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    // A literal start lets the regex engine skip ahead (Boyer-Moore); the word boundary before it
    // is checked by hand. Scanning all the sources with a leading \b took most of a second cold.
    private static final Pattern QUALIFIED = Pattern.compile("org\\.bcikit(?:\\s*\\.\\s*\\w+)+");
    private static final Pattern TYPE_KEYWORD = Pattern.compile("(?<![\\w.@])(class|interface|enum|record|@interface)\\s+(\\w+)");
    private static final Pattern PUBLIC = Pattern.compile("\\bpublic\\b");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    /** One top-level type declaration. */
    record TopLevelType(String name, boolean isPublic, boolean documented) {
    }

    /** One source file: its module, package, the org.bcikit names its code uses, its top-level types. */
    record SourceFile(Path path, String module, String packageName, List<String> qualifiedNames,
                      List<TopLevelType> types) {

        boolean isPackageInfo() {
            return path.getFileName().toString().equals("package-info.java");
        }
    }

    private final Path root;
    private final List<SourceFile> files;

    private JavaSources(Path root, List<SourceFile> files) {
        this.root = root;
        this.files = files;
    }

    private static JavaSources project;

    /** The project's own sources, read once for all the tests that check them. */
    static synchronized JavaSources project() {
        if (project == null) {
            project = read(SharedData.projectRoot());
        }
        return project;
    }

    /** Every {@code MODULE/src/main/java/**}{@code /*.java} under the project root. */
    static JavaSources read(Path root) {
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.sorted().toList()) {
                Path main = module.resolve("src/main/java");
                if (!Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(main)) {
                    for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                        files.add(parse(p, module.getFileName().toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JavaSources(root, files);
    }

    List<SourceFile> files() {
        return files;
    }

    /** The path relative to the project root, for failure messages. */
    String relative(SourceFile f) {
        return root.relativize(f.path()).toString();
    }

    /** Package name to the module that holds it (first file wins; a split package is checked apart). */
    Map<String, String> packageModules() {
        Map<String, String> m = new TreeMap<>();
        for (SourceFile f : files) {
            m.putIfAbsent(f.packageName(), f.module());
        }
        return m;
    }

    private static SourceFile parse(Path path, String module) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String code = blankCommentsAndStrings(text);
        Matcher pm = PACKAGE.matcher(code);
        boolean hasPackage = pm.find();
        String pkg = hasPackage ? pm.group(1) : "";
        int packageEnd = hasPackage ? pm.end() : 0;
        List<String> names = new ArrayList<>();
        Matcher qm = QUALIFIED.matcher(code);
        while (qm.find()) {
            if (qm.start() >= packageEnd
                    && (qm.start() == 0 || !Character.isJavaIdentifierPart(code.charAt(qm.start() - 1)))) {
                names.add(SPACE.matcher(qm.group()).replaceAll(""));
            }
        }
        return new SourceFile(path, module, pkg, names, topLevelTypes(text, code));
    }

    /**
     * Declarations at brace depth 0. A declaration's header runs back to the end of whatever came
     * before it ({@code ;} of an import, {@code }} of another type, but not a brace inside an
     * annotation's parentheses); its doc comment and modifiers lie in that stretch.
     */
    private static List<TopLevelType> topLevelTypes(String text, String code) {
        int[] depth = new int[code.length() + 1];
        int[] parens = new int[code.length() + 1];
        int d = 0;
        int p = 0;
        for (int i = 0; i < code.length(); i++) {
            depth[i] = d;
            parens[i] = p;
            switch (code.charAt(i)) {
                case '{' -> d++;
                case '}' -> d--;
                case '(' -> p++;
                case ')' -> p--;
                default -> { }
            }
        }
        List<TopLevelType> types = new ArrayList<>();
        Matcher m = TYPE_KEYWORD.matcher(code);
        // Only the stretches at depth 0 are searched: they are a small part of each file.
        int from = 0;
        while (from < code.length()) {
            int to = from;
            while (to < code.length() && depth[to] == 0) {
                to++;
            }
            m.region(from, to);
            while (m.find()) {
                addType(types, text, code, parens, m);
            }
            from = to;
            while (from < code.length() && depth[from] != 0) {
                from++;
            }
        }
        return types;
    }

    private static void addType(List<TopLevelType> types, String text, String code, int[] parens, Matcher m) {
        int start = m.start();
        while (start > 0 && (";{}".indexOf(code.charAt(start - 1)) < 0 || parens[start - 1] > 0)) {
            start--;
        }
        String header = code.substring(start, m.start());
        String headerWithComments = text.substring(start, m.start());
        types.add(new TopLevelType(m.group(2), PUBLIC.matcher(header).find(), headerWithComments.contains("/**")));
    }

    /**
     * The text with every comment and string, text block or char literal replaced by spaces
     * (newlines kept), so offsets and line numbers still match the original.
     */
    static String blankCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int end;
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = closing(s, i + 3, "\"\"\"");
            } else if (c == '"' || c == '\'') {
                end = closing(s, i + 1, String.valueOf(c));
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = end;
        }
        return out.toString();
    }

    /** Index just past the unescaped {@code quote} that closes a literal opened before {@code from}. */
    private static int closing(String s, int from, String quote) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == '\\') {
                i += 2;
            } else if (s.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return s.length();
    }
}

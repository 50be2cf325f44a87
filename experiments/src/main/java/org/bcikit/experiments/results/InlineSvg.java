package org.bcikit.experiments.results;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an SVG file's text into an {@code <svg>} element that can sit inside an HTML page beside
 * other figures. Three things stop a file from being pasted as it is: the XML prolog and DOCTYPE
 * are not allowed inside HTML; ids are global to the page, and two JFreeSVG files can share
 * clip-path ids (their prefix is a nanosecond clock), so one figure would clip with the other's
 * paths; and without a viewBox an SVG cannot be scaled down to a grid column.
 */
final class InlineSvg {

    private static final Pattern ROOT = Pattern.compile("<svg[\\s>/]");
    private static final Pattern ID = Pattern.compile("\\sid\\s*=\\s*(['\"])([^'\"]+)\\1");
    /** A definition or a reference: {@code id='x'}, {@code url(#x)}, {@code href='#x'}. */
    private static final Pattern ID_OR_REF = Pattern.compile("(\\sid\\s*=\\s*['\"]|#)([A-Za-z_][\\w.:-]*)");
    private static final Pattern SIZE = Pattern.compile("\\s(width|height)\\s*=\\s*(['\"])\\s*([0-9.]+)(px)?\\s*\\2");

    private InlineSvg() {
    }

    /**
     * The {@code <svg>} element of {@code text}, its ids prefixed with {@code idPrefix} (which must
     * be unique on the page) and a viewBox added from its width and height when it has none.
     *
     * @throws IllegalArgumentException when the text holds no {@code <svg>} element
     */
    static String of(String text, String idPrefix) {
        Matcher root = ROOT.matcher(text);
        if (!root.find()) {
            throw new IllegalArgumentException("no <svg> element");
        }
        int end = text.lastIndexOf('>');
        String svg = text.substring(root.start(), end + 1);
        int tagEnd = startTagEnd(svg);
        String tag = svg.substring(0, tagEnd);
        if (!tag.contains("viewBox")) {
            Matcher m = SIZE.matcher(tag);
            String w = null;
            String h = null;
            while (m.find()) {
                if (m.group(1).equals("width")) {
                    w = m.group(3);
                } else {
                    h = m.group(3);
                }
            }
            if (w != null && h != null) {
                tag = tag + " viewBox='0 0 " + compact(w) + " " + compact(h) + "'";
            }
        }
        svg = tag + svg.substring(tagEnd);
        return prefixIds(svg, idPrefix);
    }

    /** Index of the {@code >} (or {@code />}) closing the root start tag; quotes may hold {@code >}. */
    private static int startTagEnd(String svg) {
        char quote = 0;
        for (int i = 0; i < svg.length(); i++) {
            char c = svg.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return svg.charAt(i - 1) == '/' ? i - 1 : i;
            }
        }
        throw new IllegalArgumentException("unterminated <svg> start tag");
    }

    private static String prefixIds(String svg, String prefix) {
        Map<String, String> ids = new HashMap<>();
        Matcher d = ID.matcher(svg);
        while (d.find()) {
            ids.put(d.group(2), prefix + d.group(2));
        }
        if (ids.isEmpty()) {
            return svg;
        }
        Matcher m = ID_OR_REF.matcher(svg);
        StringBuilder sb = new StringBuilder(svg.length() + 64 * ids.size());
        while (m.find()) {
            String renamed = ids.get(m.group(2));
            // "#ff0000" and other fragments that name no id of this file stay as they are
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + (renamed == null ? m.group(2) : renamed)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** "900.0" as "900": the viewBox reads as the size the figure was drawn at. */
    private static String compact(String number) {
        double v = Double.parseDouble(number);
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}

package org.bcikit.data.mat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Where a v5/v7 file MFL could not read is damaged, in the user's terms and with a byte offset.
 * MFL reports what broke in its own vocabulary ("Unknown tag type for id: 16191", a zlib
 * "incorrect data check"), not where; the file's top level is simple enough to walk again: after
 * the 128-byte header, one data element per variable, each an 8-byte tag (type, size) and its
 * bytes, compressed variables (type 15) as one zlib stream each.
 */
final class MatV5Damage {

    private static final int MI_MATRIX = 14;
    private static final int MI_COMPRESSED = 15;
    private static final int HEADER = 128;
    /** Enough of an uncompressed variable to find its name. */
    private static final int PEEK = 512;

    private MatV5Damage() {
    }

    /** The first damage found walking {@code file}'s variables, or null when the walk finds none. */
    static String find(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length < HEADER) {
            return null;
        }
        ByteOrder order = b[126] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer buf = ByteBuffer.wrap(b).order(order);
        long at = HEADER;
        while (at < b.length) {
            if (at + 8 > b.length) {
                return "the file is truncated: it ends at byte " + b.length + " inside the header of the data "
                        + "element at byte " + at;
            }
            int type = buf.getInt((int) at);
            long size = Integer.toUnsignedLong(buf.getInt((int) at + 4));
            if (type != MI_MATRIX && type != MI_COMPRESSED) {
                return "the data element at byte " + at + " has type " + type + ", expected a variable (type "
                        + MI_MATRIX + ", or " + MI_COMPRESSED + " compressed): the file is corrupt there";
            }
            long end = at + 8 + size;
            if (end > b.length) {
                return "the file is truncated: the variable at byte " + at + " declares " + size
                        + " bytes, but the file ends at byte " + b.length;
            }
            if (type == MI_COMPRESSED) {
                String problem = inflate(b, (int) at + 8, (int) size, order);
                if (problem != null) {
                    return "the compressed variable at byte " + at + problem;
                }
            }
            at = type == MI_MATRIX ? (end + 7) / 8 * 8 : end;
        }
        return null;
    }

    /** Null when the zlib stream inflates completely, else what is wrong (after "the variable at byte N"). */
    private static String inflate(byte[] b, int from, int size, ByteOrder order) {
        Inflater inf = new Inflater();
        inf.setInput(b, from, size);
        byte[] head = new byte[PEEK];
        byte[] sink = new byte[1 << 16];
        int headLen = 0;
        try {
            while (!inf.finished()) {
                byte[] into = headLen < PEEK ? head : sink;
                int off = headLen < PEEK ? headLen : 0;
                int n = inf.inflate(into, off, into.length - off);
                if (headLen < PEEK) {
                    headLen += n;
                }
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    return name(head, headLen, order) + " is cut short: its compressed data ends before the "
                            + "stream does (corrupt size or truncated file)";
                }
            }
        } catch (DataFormatException e) {
            return name(head, headLen, order) + " is corrupt: its compressed data cannot be decompressed"
                    + (e.getMessage() == null ? "" : " (zlib: " + e.getMessage() + ")");
        } finally {
            inf.end();
        }
        return null;
    }

    /** {@code " ('data')"} from an uncompressed variable's start (tag, flags, dims, name), or "". */
    private static String name(byte[] head, int len, ByteOrder order) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(head, 0, len).order(order);
            int p = 8 + 16; // matrix tag, array flags element
            int dimsBytes = buf.getInt(p + 4);
            p += 8 + (dimsBytes + 7) / 8 * 8;
            int tag = buf.getInt(p);
            int n;
            int start;
            if ((tag >>> 16) != 0) { // small data element: size in the upper half
                n = tag >>> 16;
                start = p + 4;
            } else {
                n = buf.getInt(p + 4);
                start = p + 8;
            }
            if (n <= 0 || n > 63 || start + n > len) {
                return "";
            }
            String s = new String(head, start, n, StandardCharsets.US_ASCII);
            return s.matches("[A-Za-z][A-Za-z0-9_]*") ? " ('" + s + "')" : "";
        } catch (RuntimeException e) {
            return ""; // the name is a courtesy; a damaged one is simply not shown
        }
    }
}

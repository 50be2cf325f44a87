package org.bcikit.data.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The NumPy element types bcikit reads and writes: IEEE floats (32, 64 bit), signed and unsigned
 * integers (8 to 64 bit) and booleans, in either byte order. Every value is converted to
 * {@code double}; 64-bit integers beyond 2^53 lose precision (no spike count gets there).
 */
public enum NpyDtype {
    FLOAT64('f', 8), FLOAT32('f', 4),
    INT8('i', 1), INT16('i', 2), INT32('i', 4), INT64('i', 8),
    UINT8('u', 1), UINT16('u', 2), UINT32('u', 4), UINT64('u', 8),
    BOOL('b', 1);

    private final char kind;
    private final int size;

    NpyDtype(char kind, int size) {
        this.kind = kind;
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** The NumPy descr string in byte order {@code order}, e.g. {@code "<f8"} or {@code "|u1"}. */
    public String descr(ByteOrder order) {
        char prefix = size == 1 ? '|' : order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        return "" + prefix + kind + size;
    }

    /** Parses a descr such as {@code "<f8"}; null when bcikit does not support it. */
    static NpyDtype fromDescr(String descr) {
        if (descr.length() < 3) {
            return null;
        }
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            return null;
        }
        for (NpyDtype t : values()) {
            if (t.kind == kind && t.size == size) {
                return t;
            }
        }
        return null;
    }

    /** The byte order a descr names; single-byte types and native ('=') order read as little-endian. */
    static ByteOrder orderOf(String descr) {
        return descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** Reads one element at the buffer's position (the buffer carries the byte order). */
    double get(ByteBuffer b) {
        switch (this) {
            case FLOAT64: return b.getDouble();
            case FLOAT32: return b.getFloat();
            case INT8: return b.get();
            case INT16: return b.getShort();
            case INT32: return b.getInt();
            case INT64: return b.getLong();
            case UINT8: return Byte.toUnsignedInt(b.get());
            case UINT16: return Short.toUnsignedInt(b.getShort());
            case UINT32: return Integer.toUnsignedLong(b.getInt());
            case UINT64: return unsignedToDouble(b.getLong());
            case BOOL: return b.get() != 0 ? 1 : 0;
            default: throw new AssertionError(this);
        }
    }

    /**
     * Writes one element. Integer types require an integral value in range; the caller checks
     * with {@link #represents(double)} first, so nothing is silently rounded.
     */
    void put(ByteBuffer b, double v) {
        switch (this) {
            case FLOAT64: b.putDouble(v); break;
            case FLOAT32: b.putFloat((float) v); break;
            case INT8: case UINT8: case BOOL: b.put((byte) (long) v); break;
            case INT16: case UINT16: b.putShort((short) (long) v); break;
            case INT32: case UINT32: b.putInt((int) (long) v); break;
            case INT64: b.putLong((long) v); break;
            case UINT64: b.putLong(doubleToUnsigned(v)); break;
            default: throw new AssertionError(this);
        }
    }

    /** True when {@code v} is stored exactly by this type. */
    boolean represents(double v) {
        switch (this) {
            case FLOAT64: return true;
            case FLOAT32: return Double.isNaN(v) || (double) (float) v == v;
            case BOOL: return v == 0 || v == 1;
            default:
                if (v != Math.rint(v)) {
                    return false;
                }
                double lo = kind == 'u' ? 0 : -Math.pow(2, 8 * size - 1);
                double hi = kind == 'u' ? Math.pow(2, 8 * size) : Math.pow(2, 8 * size - 1);
                return v >= lo && v < hi;
        }
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    private static long doubleToUnsigned(double v) {
        return v < 0x1p63 ? (long) v : ((long) (v / 2)) << 1;
    }
}

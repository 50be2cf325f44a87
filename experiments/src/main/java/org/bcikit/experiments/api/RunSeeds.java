package org.bcikit.experiments.api;

import java.nio.charset.StandardCharsets;

/**
 * Derives every run's seed from the spec's base seed, the condition's name and the seed index, by
 * hashing (SplitMix64's finaliser over FNV-1a of the name), so a run's random numbers do not
 * depend on which thread or cluster shard runs it, nor on which other conditions the spec lists.
 */
public final class RunSeeds {

    private RunSeeds() {
    }

    /** The seed of run ({@code condition}, {@code seedIndex}). */
    public static long runSeed(long specSeed, String condition, int seedIndex) {
        return mix(mix(specSeed ^ 0x5DEECE66DL) ^ fnv(condition) ^ mix(seedIndex + 0x9E3779B97F4A7C15L));
    }

    /** The seed shared by all conditions at {@code seedIndex}. */
    public static long pairedSeed(long specSeed, int seedIndex) {
        return mix(mix(specSeed) + 0x9E3779B97F4A7C15L * (seedIndex + 1L));
    }

    /** SplitMix64's output function: a bijection that scrambles all 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv(String s) {
        return mix(fnv1a(s));
    }

    /** 64-bit FNV-1a of the UTF-8 bytes (offset basis and prime as Fowler, Noll and Vo publish them). */
    static long fnv1a(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }
}

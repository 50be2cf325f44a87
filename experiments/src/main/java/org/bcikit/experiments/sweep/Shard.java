package org.bcikit.experiments.sweep;

import java.util.Map;

import org.bcikit.data.InvalidInputException;

/**
 * A deterministic slice of a sweep for one cluster job: shard {@code index} of {@code count} runs
 * the runs whose number {@code k} (condition-major, see {@link org.bcikit.experiments.api.ExperimentPlan#run}) has
 * {@code k % count == index}. Interleaving spreads slow and fast conditions evenly over shards.
 *
 * @param index 0-based shard number
 * @param count number of shards
 */
public record Shard(int index, int count) {

    /** The whole sweep. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new InvalidInputException("--shard: expected I/N with 0 <= I < N, got " + index + "/" + count);
        }
    }

    /** Parses {@code I/N}. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("--shard: expected I/N with 0 <= I < N, got \"" + text + "\"");
    }

    /**
     * The shard of a SLURM job array task ({@code SLURM_ARRAY_TASK_ID} minus
     * {@code SLURM_ARRAY_TASK_MIN}, of {@code SLURM_ARRAY_TASK_COUNT}), or null outside one.
     */
    public static Shard fromEnvironment(Map<String, String> env) {
        String id = env.get("SLURM_ARRAY_TASK_ID");
        String count = env.get("SLURM_ARRAY_TASK_COUNT");
        if (id == null || count == null) {
            return null;
        }
        try {
            int min = Integer.parseInt(env.getOrDefault("SLURM_ARRAY_TASK_MIN", "0").trim());
            return new Shard(Integer.parseInt(id.trim()) - min, Integer.parseInt(count.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT: expected integers, got \""
                    + id + "\" and \"" + count + "\"");
        }
    }

    /** True when run {@code k} belongs to this shard. */
    public boolean includes(int k) {
        return k % count == index;
    }

    /** True for the whole sweep. */
    public boolean isAll() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}

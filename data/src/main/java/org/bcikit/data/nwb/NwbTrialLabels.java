package org.bcikit.data.nwb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bcikit.data.Outcome;
import org.bcikit.data.Target;

/**
 * Targets and outcomes of the rows of an NWB trials table, taken from columns with conventional
 * names. NWB fixes no column for either, so the mapping is by name, first match wins:
 * <ul>
 * <li>target position: column pairs {@code target_x/target_y}, {@code target_pos_x/_y},
 *     {@code target_position_x/_y}, or a 2-D column {@code target_position}, {@code target_pos},
 *     {@code target_location} or {@code target} (first two values of each row);</li>
 * <li>target condition: {@code target_id}, {@code target_index}, {@code target}, {@code condition_id},
 *     {@code condition}, {@code target_direction}, {@code direction}, {@code target_angle},
 *     {@code trial_type}, {@code type}. Integer-valued numbers are the condition id itself; other
 *     numbers and texts are numbered 0, 1, ... in sorted order of their distinct values;</li>
 * <li>outcome: a text column {@code outcome}, {@code result}, {@code trial_outcome} or
 *     {@code response} (see {@link #outcomeOf(String)}), else a 0/1 column {@code success},
 *     {@code is_success}, {@code correct}, {@code is_correct}, {@code rewarded} or {@code hit}.</li>
 * </ul>
 * Empty, "N/A", "NaN" and "none" values mean "not stated". What was mapped, and how, is reported
 * in {@link #notes()} so that a user can check it.
 */
final class NwbTrialLabels {

    private static final String[][] POSITION_PAIRS = {
        {"target_x", "target_y"}, {"target_pos_x", "target_pos_y"}, {"target_position_x", "target_position_y"},
    };
    private static final List<String> POSITION_COLUMNS =
            List.of("target_position", "target_pos", "target_location", "target");
    private static final List<String> CONDITION_COLUMNS = List.of("target_id", "target_index", "target",
            "condition_id", "condition", "target_direction", "direction", "target_angle", "trial_type", "type");
    private static final List<String> OUTCOME_TEXT = List.of("outcome", "result", "trial_outcome", "response");
    private static final List<String> OUTCOME_FLAGS =
            List.of("success", "is_success", "correct", "is_correct", "rewarded", "hit");
    private static final List<String> FAILURE_WORDS = List.of("incorrect", "fail", "error", "miss", "wrong",
            "timeout", "time out", "timed out", "no response", "abort", "early", "ignore", "unreward", "false");
    private static final List<String> SUCCESS_WORDS = List.of("correct", "success", "hit", "reward", "true");

    private final Target[] targets;
    private final Outcome[] outcomes;
    private final Map<String, String> notes;

    private NwbTrialLabels(Target[] targets, Outcome[] outcomes, Map<String, String> notes) {
        this.targets = targets;
        this.outcomes = outcomes;
        this.notes = notes;
    }

    static NwbTrialLabels of(NwbTrialTable table) {
        int n = table.rows();
        Map<String, String> notes = new LinkedHashMap<>();
        double[][] position = position(table, notes);
        Integer[] condition = condition(table, notes);
        Target[] targets = new Target[n];
        for (int i = 0; i < n; i++) {
            boolean hasPos = position != null && Double.isFinite(position[i][0]) && Double.isFinite(position[i][1]);
            Integer c = condition == null ? null : condition[i];
            if (hasPos && c != null) {
                targets[i] = Target.of(position[i][0], position[i][1], c);
            } else if (hasPos) {
                targets[i] = Target.at(position[i][0], position[i][1]);
            } else if (c != null) {
                targets[i] = Target.condition(c);
            }
        }
        return new NwbTrialLabels(targets, outcomes(table, notes), notes);
    }

    /** The target of row {@code i}, or null when the table does not say. */
    Target target(int i) {
        return targets[i];
    }

    Outcome outcome(int i) {
        return outcomes[i];
    }

    /**
     * The column {@link #of} reads trial conditions from (first of the conventional names that is
     * a 1-D column), or null when the table has none.
     */
    static String conditionColumn(NwbTrialTable table) {
        for (String name : CONDITION_COLUMNS) {
            NwbTrialTable.Column c = table.column(name);
            if (c != null && c.rows() == null) {
                return name;
            }
        }
        return null;
    }

    /** What was mapped from which column, for the recording's metadata. */
    Map<String, String> notes() {
        return notes;
    }

    private static double[][] position(NwbTrialTable table, Map<String, String> notes) {
        int n = table.rows();
        for (String[] pair : POSITION_PAIRS) {
            NwbTrialTable.Column x = table.column(pair[0]);
            NwbTrialTable.Column y = table.column(pair[1]);
            if (x != null && y != null && x.isNumeric() && y.isNumeric()) {
                double[][] out = new double[n][];
                for (int i = 0; i < n; i++) {
                    out[i] = new double[] {x.numbers()[i], y.numbers()[i]};
                }
                notes.put("nwb.target.position", pair[0] + ", " + pair[1]);
                return out;
            }
        }
        for (String name : POSITION_COLUMNS) {
            NwbTrialTable.Column c = table.column(name);
            if (c != null && c.rows() != null && c.rows().length > 0 && c.rows()[0].length >= 2) {
                notes.put("nwb.target.position", name + " (first two values of each row)");
                return c.rows();
            }
        }
        return null;
    }

    private static Integer[] condition(NwbTrialTable table, Map<String, String> notes) {
        String name = conditionColumn(table);
        if (name != null) {
            NwbTrialTable.Column c = table.column(name);
            int n = table.rows();
            Integer[] out = new Integer[n];
            if (c.isNumeric() && integerValued(c.numbers())) {
                for (int i = 0; i < n; i++) {
                    out[i] = Double.isFinite(c.numbers()[i]) ? (int) c.numbers()[i] : null;
                }
                notes.put("nwb.target.condition", name + " (values are the condition ids)");
                return out;
            }
            TreeSet<String> distinct = new TreeSet<>();
            TreeSet<Double> distinctNumbers = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                if (c.isNumeric() && Double.isFinite(c.numbers()[i])) {
                    distinctNumbers.add(c.numbers()[i]);
                } else if (!c.isNumeric() && !unstated(c.texts()[i])) {
                    distinct.add(c.texts()[i].trim());
                }
            }
            List<String> legend = new ArrayList<>();
            List<?> values = c.isNumeric() ? new ArrayList<>(distinctNumbers) : new ArrayList<>(distinct);
            for (int k = 0; k < values.size(); k++) {
                legend.add(k + "=" + values.get(k));
            }
            for (int i = 0; i < n; i++) {
                Object v = c.isNumeric() ? (Object) c.numbers()[i] : c.texts()[i].trim();
                int k = values.indexOf(v);
                out[i] = k < 0 ? null : k;
            }
            notes.put("nwb.target.condition", name + " (condition ids in sorted order of its values: "
                    + String.join(", ", legend) + ")");
            return out;
        }
        return null;
    }

    private static Outcome[] outcomes(NwbTrialTable table, Map<String, String> notes) {
        int n = table.rows();
        Outcome[] out = new Outcome[n];
        java.util.Arrays.fill(out, Outcome.UNKNOWN);
        for (String name : OUTCOME_TEXT) {
            NwbTrialTable.Column c = table.column(name);
            if (c != null && c.texts() != null) {
                Map<String, Outcome> legend = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    out[i] = outcomeOf(c.texts()[i]);
                    legend.put(c.texts()[i].trim(), out[i]);
                }
                List<String> parts = new ArrayList<>();
                legend.forEach((k, v) -> parts.add(k + "=" + v));
                notes.put("nwb.outcome", name + " (" + String.join(", ", parts) + ")");
                return out;
            }
        }
        for (String name : OUTCOME_FLAGS) {
            NwbTrialTable.Column c = table.column(name);
            if (c != null && c.isNumeric()) {
                for (int i = 0; i < n; i++) {
                    double v = c.numbers()[i];
                    out[i] = Double.isNaN(v) ? Outcome.UNKNOWN : v != 0 ? Outcome.SUCCESS : Outcome.FAILURE;
                }
                notes.put("nwb.outcome", name + " (non-zero=SUCCESS, 0=FAILURE)");
                return out;
            }
        }
        return out;
    }

    /**
     * The outcome a text states. Failure words are checked first because "incorrect" contains
     * "correct"; no response and time-outs count as failures, as in BCI success rates (the target
     * was not acquired in time). Anything else is {@link Outcome#UNKNOWN}.
     */
    static Outcome outcomeOf(String text) {
        if (unstated(text)) {
            return Outcome.UNKNOWN;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (String w : FAILURE_WORDS) {
            if (t.contains(w)) {
                return Outcome.FAILURE;
            }
        }
        for (String w : SUCCESS_WORDS) {
            if (t.contains(w)) {
                return Outcome.SUCCESS;
            }
        }
        return Outcome.UNKNOWN;
    }

    private static boolean unstated(String s) {
        if (s == null) {
            return true;
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.isEmpty() || t.equals("n/a") || t.equals("na") || t.equals("nan") || t.equals("none");
    }

    private static boolean integerValued(double[] v) {
        for (double x : v) {
            if (Double.isFinite(x) && (x != Math.rint(x) || Math.abs(x) > Integer.MAX_VALUE)) {
                return false;
            }
        }
        return true;
    }
}

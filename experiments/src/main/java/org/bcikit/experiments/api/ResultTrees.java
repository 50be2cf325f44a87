package org.bcikit.experiments.api;

import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON trees for result files. Non-finite numbers (a metric a run did not reach) become
 * {@code null}, because JSON has no NaN; readers turn null back into NaN.
 */
public final class ResultTrees {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ResultTrees() {
    }

    public static JsonNode number(double v) {
        return Double.isFinite(v) ? F.numberNode(v) : F.nullNode();
    }

    static ArrayNode array(double[] v) {
        ArrayNode a = F.arrayNode(v.length);
        for (double d : v) {
            a.add(number(d));
        }
        return a;
    }

    static ArrayNode array(int[] v) {
        ArrayNode a = F.arrayNode(v.length);
        for (int d : v) {
            a.add(d);
        }
        return a;
    }

    public static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
        }
        return v;
    }

    /** A tree for metric values: numbers, arrays, lists, maps, strings, curves and nodes. */
    public static JsonNode node(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof JsonNode) {
            return (JsonNode) v;
        }
        if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        }
        if (v instanceof Integer || v instanceof Long) {
            return F.numberNode(((Number) v).longValue());
        }
        if (v instanceof Boolean) {
            return F.booleanNode((Boolean) v);
        }
        if (v instanceof double[]) {
            return array((double[]) v);
        }
        if (v instanceof int[]) {
            return array((int[]) v);
        }
        if (v instanceof Curve) {
            ObjectNode o = F.objectNode();
            o.set("x", array(((Curve) v).x()));
            o.set("y", array(((Curve) v).y()));
            return o;
        }
        if (v instanceof Collection) {
            ArrayNode a = F.arrayNode();
            ((Collection<?>) v).forEach(e -> a.add(node(e)));
            return a;
        }
        if (v instanceof Map) {
            ObjectNode o = F.objectNode();
            ((Map<?, ?>) v).forEach((k, e) -> o.set(String.valueOf(k), node(e)));
            return o;
        }
        return F.textNode(String.valueOf(v));
    }
}

package org.bcikit.experiments.spec;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Edits of JSON parameter trees by dotted path: how defaults, spec values and sweep values combine. */
public final class Trees {

    private Trees() {
    }

    /** Writes {@code over} onto {@code base} in place: objects merge field by field, anything else replaces. */
    public static void merge(ObjectNode base, ObjectNode over) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = base.get(e.getKey());
            if (old instanceof ObjectNode && e.getValue() instanceof ObjectNode) {
                merge((ObjectNode) old, (ObjectNode) e.getValue());
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** The node at dotted {@code path}, or null. */
    public static JsonNode get(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.", -1)) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(part);
        }
        return n;
    }

    /** Sets dotted {@code path} to {@code value}, creating objects on the way. */
    public static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.", -1);
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = n.get(parts[i]);
            if (!(next instanceof ObjectNode)) {
                next = n.putObject(parts[i]);
            }
            n = (ObjectNode) next;
        }
        n.set(parts[parts.length - 1], value.deepCopy());
    }
}

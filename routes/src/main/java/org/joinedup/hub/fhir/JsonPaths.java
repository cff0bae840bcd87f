package org.joinedup.hub.fhir;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a key sits in a FHIR resource written as JSON, as a FHIRPath-like expression an OperationOutcome can carry
 * ({@code Bundle.entry[2].resource.type.x}): for the parse errors in which HAPI says what it found but not where.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** Every place the key {@code key} is used, in document order. */
    static List<String> ofKey(JsonNode resource, String key) {
        List<String> found = new ArrayList<>();
        String type = resource.path("resourceType").asText("");
        walk(resource, type.matches("[A-Z][A-Za-z]{1,40}") ? type : "$", key, found);
        return found;
    }

    /** The text at a path {@link #ofKey} gave, or null. */
    static String textAt(JsonNode resource, String path) {
        JsonNode node = resource;
        for (String step : path.substring(path.indexOf('.') < 0 ? path.length() : path.indexOf('.') + 1)
                .split("\\.")) {
            if (step.isEmpty()) {
                continue;
            }
            int bracket = step.indexOf('[');
            node = node.path(bracket < 0 ? step : step.substring(0, bracket));
            if (bracket >= 0) {
                node = node.path(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
            }
        }
        return node.isTextual() ? node.asText() : null;
    }

    /** A name as a reason may quote it: at most 40 characters. */
    static String shown(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "… (" + name.length() + " characters)";
    }

    private static void walk(JsonNode node, String path, String key, List<String> found) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = path + "." + shown(field.getKey());
                if (field.getKey().equals(key)) {
                    found.add(at);
                }
                walk(field.getValue(), at, key, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", key, found);
            }
        }
    }
}

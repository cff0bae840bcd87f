package org.joinedup.connectors;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;

/**
 * JSON as the agencies' JSON interfaces take it: exactly one value (nothing after it), no key twice in an object
 * (for money, "the last one wins" would be a silent rewrite), and no NUL character in any text. A refusal names
 * where: the field's path ({@code client.nhsNumber}) and the line and column.
 */
public final class StrictJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    public static JsonNode parse(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            // a key given twice is named by its path; any other break is in the body as a whole, at line and column
            String path = e.getOriginalMessage().startsWith("Duplicate field")
                    && e.getProcessor() instanceof JsonParser parser ? path(parser.getParsingContext()) : "$";
            throw new InvalidMessageException(path, "not valid JSON: " + e.getOriginalMessage() + where);
        }
        if (tree == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance(); // an empty body: no value at all
        }
        List<ValidationIssue> nuls = new ArrayList<>();
        findNuls(tree, "", nuls);
        if (!nuls.isEmpty()) {
            throw new InvalidMessageException(nuls);
        }
        return tree;
    }

    /** The dotted path of where the parser is ({@code client.nhsNumber}, {@code household[0].clientId}). */
    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? "$" : path.startsWith(".") ? path.substring(1) : path;
    }

    private static void findNuls(JsonNode node, String path, List<ValidationIssue> found) {
        if (node.isTextual() && node.asText().indexOf('\0') >= 0) {
            found.add(new ValidationIssue(path.isEmpty() ? "$" : path, "contains a NUL character, which text never"
                    + " holds"));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().indexOf('\0') >= 0) {
                    found.add(new ValidationIssue(path.isEmpty() ? "$" : path, "a key contains a NUL character"));
                }
                findNuls(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findNuls(node.get(i), path + "[" + i + "]", found);
            }
        }
    }
}

package org.joinedup.hub.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Mutations of a valid JSON fixture, generated the same way every run (the corpus is the fixtures in
 * {@code src/test/resources/fuzz} and this generator): the kinds of bad input a new client sends by mistake, or an
 * attacker on purpose. Each names the field it broke, so the test can ask that the refusal names it too.
 */
public final class JsonMutations {

    /** One mutated input: what was done, the field it broke ({@code null}: the whole body), and its bytes. */
    public record Mutation(String kind, String field, String description, byte[] body) {

        /** The body, with every placeholder ({@code {{id}}} ...) filled in afresh: each input a new event. */
        public byte[] fresh(Function<String, String> placeholders) {
            return Placeholders.fill(body, placeholders);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands for raw bytes that a JSON writer cannot write (a NUL, bytes that are not UTF-8). */
    private static final String MARK = "\u2603RAW\u2603";

    private final byte[] fixture;
    private final JsonNode tree;
    private final List<Leaf> leaves = new ArrayList<>();
    private final List<Mutation> mutations = new ArrayList<>();

    private record Leaf(String pointer, String field, JsonNode value) {
    }

    private JsonMutations(byte[] fixture) {
        this.fixture = fixture;
        try {
            this.tree = JSON.readTree(fixture);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the fixture is not JSON", e);
        }
        collect(tree, "", null);
    }

    /** Every mutation of the fixture, in a fixed order. */
    public static List<Mutation> of(byte[] fixture) {
        JsonMutations m = new JsonMutations(fixture);
        m.generate();
        return m.mutations;
    }

    private void collect(JsonNode node, String pointer, String field) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), pointer + "/" + e.getKey(), e.getKey());
            }
            if (!pointer.isEmpty()) {
                leaves.add(new Leaf(pointer, field, node));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, field);
            }
            leaves.add(new Leaf(pointer, field, node));
        } else {
            leaves.add(new Leaf(pointer, field, node));
        }
    }

    private void generate() {
        mutations.addAll(WholeBodies.of(fixture, StandardCharsets.UTF_8));
        wholeBodies();
        for (Leaf leaf : leaves) {
            wrongTypes(leaf);
            if (leaf.value().isTextual()) {
                strings(leaf);
                if (looksLikeDate(leaf.value().asText())) {
                    dates(leaf);
                }
                if (leaf.value().asText().equals("{{nhs}}")) {
                    nhsNumbers(leaf);
                }
            }
            if (leaf.value().isNumber()) {
                numbers(leaf);
            }
            if (!leaf.value().isContainerNode() || leaf.value().isObject()) {
                duplicate(leaf);
            }
        }
    }

    private void wholeBodies() {
        add("wrong-type", null, "the JSON literal null", bytes("null"));
        add("wrong-type", null, "an empty array", bytes("[]"));
        add("wrong-type", null, "an empty object", bytes("{}"));
        add("wrong-type", null, "a JSON string", bytes("\"hello\""));
    }

    private void wrongTypes(Leaf leaf) {
        replace(leaf, "wrong-type", "a number", NODES.numberNode(12345));
        replace(leaf, "wrong-type", "an object", NODES.objectNode().put("x", 1));
        replace(leaf, "wrong-type", "an array", NODES.arrayNode().add("x"));
        replace(leaf, "wrong-type", "true", NODES.booleanNode(true));
        replace(leaf, "wrong-type", "null", NODES.nullNode());
        if (!leaf.value().isTextual()) {
            replace(leaf, "wrong-type", "a string", NODES.textNode("not-" + leaf.field()));
        }
    }

    private void strings(Leaf leaf) {
        String value = leaf.value().asText();
        replace(leaf, "over-long", "201 characters", NODES.textNode("A".repeat(201)));
        replace(leaf, "over-long", "5,001 characters", NODES.textNode("B".repeat(5_001)));
        replace(leaf, "over-long", "1 MB", NODES.textNode("C".repeat(1 << 20)));
        replace(leaf, "empty", "an empty string", NODES.textNode(""));
        replace(leaf, "nul", "a NUL written \\u0000", NODES.textNode(half(value) + "\u0000" + rest(value)));
        raw(leaf, "nul", "a raw NUL byte", new byte[] {0});
        raw(leaf, "non-utf8", "the bytes C3 28 (not UTF-8)", new byte[] {(byte) 0xC3, 0x28});
        raw(leaf, "non-utf8", "the byte FF", new byte[] {(byte) 0xFF});
        raw(leaf, "non-utf8", "an overlong encoding of '/' (C0 AF)", new byte[] {(byte) 0xC0, (byte) 0xAF});
    }

    private static String half(String value) {
        return value.startsWith("{{") ? "" : value.substring(0, value.length() / 2);
    }

    private static String rest(String value) {
        return value.startsWith("{{") ? value : value.substring(value.length() / 2);
    }

    private void dates(Leaf leaf) {
        boolean instant = leaf.value().asText().contains("T");
        for (String date : List.of("0000-01-01", "1066-10-14", "2023-02-30", "2026-13-01", "-0001-01-01",
                "+10000-01-01", "01/02/2026", "2026-1-1")) {
            replace(leaf, "impossible-date", date, NODES.textNode(instant && date.length() == 10
                    && date.charAt(4) == '-' ? date + "T09:00:00Z" : date));
        }
        if (instant) {
            replace(leaf, "impossible-date", "year 10000", NODES.textNode("+10000-01-01T00:00:00Z"));
            replace(leaf, "impossible-date", "a day in the year 9999", NODES.textNode("9999-12-31T23:59:59Z"));
        } else {
            replace(leaf, "impossible-date", "next year", NODES.textNode(java.time.LocalDate.now().plusYears(1)
                    .toString()));
            replace(leaf, "impossible-date", "1850", NODES.textNode("1850-06-01"));
        }
    }

    private void nhsNumbers(Leaf leaf) {
        for (String nhs : List.of("0000000000", "1111111111", "9999999999", "123456789", "12345678901",
                "943 476 5919 x")) {
            replace(leaf, "identifier", "NHS number " + nhs, NODES.textNode(nhs));
        }
    }

    private void numbers(Leaf leaf) {
        for (String number : List.of("9223372036854775807", "-9223372036854775808", "9223372036854775808",
                "1e30", "-1", "0.5", "99999999999", "1E2")) {
            replaceRaw(leaf, "huge-number", number, number);
        }
    }

    /** The field twice in its object, the second time with another value ("last one wins" is a silent rewrite). */
    private void duplicate(Leaf leaf) {
        int slash = leaf.pointer().lastIndexOf('/');
        JsonNode parent = tree.at(leaf.pointer().substring(0, slash));
        if (!parent.isObject()) {
            return;
        }
        JsonNode other = leaf.value().isNumber() ? NODES.numberNode(leaf.value().asLong() * 10 + 1)
                : leaf.value().isTextual() ? NODES.textNode(leaf.value().asText() + "-other") : leaf.value();
        ObjectNode copy = (ObjectNode) tree.deepCopy();
        String text = write(withAt(copy, leaf.pointer(), NODES.textNode(MARK)));
        String original = write(leaf.value());
        text = text.replace("\"" + leaf.field() + "\":\"" + MARK + "\"", "\"" + leaf.field() + "\":" + original
                + ",\"" + leaf.field() + "\":" + write(other));
        if (!text.contains(MARK)) {
            add("duplicate-key", leaf.field(), leaf.pointer() + " twice, with another value the second time",
                    bytes(text));
        }
    }

    private void replace(Leaf leaf, String kind, String what, JsonNode with) {
        ObjectNode copy = (ObjectNode) tree.deepCopy();
        add(kind, leaf.field(), leaf.pointer() + ": " + what, bytes(write(withAt(copy, leaf.pointer(), with))));
    }

    private void replaceRaw(Leaf leaf, String kind, String what, String json) {
        ObjectNode copy = (ObjectNode) tree.deepCopy();
        String text = write(withAt(copy, leaf.pointer(), NODES.textNode(MARK)));
        add(kind, leaf.field(), leaf.pointer() + ": " + what, bytes(text.replace("\"" + MARK + "\"", json)));
    }

    /** The field's text with {@code inserted} bytes in its middle, bytes a JSON writer would never write. */
    private void raw(Leaf leaf, String kind, String what, byte[] inserted) {
        String value = leaf.value().asText();
        ObjectNode copy = (ObjectNode) tree.deepCopy();
        String text = write(withAt(copy, leaf.pointer(), NODES.textNode(half(value) + MARK + rest(value))));
        int at = text.indexOf(MARK);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(text.substring(0, at)));
        out.writeBytes(inserted);
        out.writeBytes(bytes(text.substring(at + MARK.length())));
        add(kind, leaf.field(), leaf.pointer() + ": " + what, out.toByteArray());
    }

    private static JsonNode withAt(ObjectNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(key, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(key), value);
        }
        return root;
    }

    private void add(String kind, String field, String description, byte[] body) {
        mutations.add(new Mutation(kind, field, description, body));
    }

    private static boolean looksLikeDate(String text) {
        return text.matches("\\d{4}-\\d{2}-\\d{2}.*");
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package org.joinedup.hub.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Why a record was linked to a person, in words a coordinator can check: how (a verified identifier, the match
 * score, a person's decision), how sure, and what agreed or disagreed field by field.
 */
public final class LinkInWords {

    /** The summary sentence and one sentence per comparison. */
    public record Why(String summary, List<String> fields) {
    }

    private LinkInWords() {
    }

    public static Why of(String linkMethod, String linkReason, JsonNode explanation) {
        String how = switch (linkMethod) {
            case "IDENTIFIER" -> "Linked by an identifier the person already had (a verified NHS number or an NI"
                    + " number).";
            case "SCORE" -> "Linked because the records agree closely enough.";
            case "MANUAL" -> "Linked by a person's decision.";
            case "NEW_PERSON" -> "No one matched well enough: this record started the person.";
            default -> "Linked (" + linkMethod + ").";
        };
        List<String> fields = new ArrayList<>();
        if (explanation != null && explanation.has("comparisons")) {
            how += " Match weight " + explanation.path("matchWeight").asDouble() + ", "
                    + percent(explanation.path("probability").asDouble()) + " likely the same person.";
            for (JsonNode part : explanation.path("comparisons")) {
                fields.add(sentence(part));
            }
            if (explanation.hasNonNull("conflict")) {
                fields.add("Conflict: " + explanation.path("conflict").asText());
            }
        }
        if (linkReason != null && !linkReason.isBlank()) {
            how += " " + Character.toUpperCase(linkReason.charAt(0)) + linkReason.substring(1)
                    + (linkReason.endsWith(".") ? "" : ".");
        }
        return new Why(how, fields);
    }

    private static String sentence(JsonNode part) {
        String field = PageFormats.label(part.path("comparison").asText().replace('-', '_'));
        String level = part.path("level").asText();
        double weight = part.path("weight").asDouble();
        String values = quoted(part.path("value")) + " and " + quoted(part.path("otherValue"));
        String agreement = switch (level) {
            case "exact" -> "the same";
            case "nickname" -> "the same name (one a short form of the other)";
            case "similar" -> "spelt similarly";
            case "phonetic" -> "sound the same";
            case "day-month-swapped" -> "the same with day and month swapped";
            case "one-field-off" -> "one part different";
            case "same-uprn" -> "the same property (UPRN)";
            case "same-postcode" -> "the same postcode";
            case "same-sector" -> "the same postcode sector";
            case "same-district" -> "the same postcode district";
            case "different" -> "different";
            case "missing" -> "missing on one side";
            default -> level.replace('-', ' ');
        };
        String strength = weight >= 4 ? "strong evidence for" : weight > 0 ? "some evidence for"
                : weight == 0 ? "no evidence either way" : weight <= -4 ? "strong evidence against"
                        : "some evidence against";
        return field + ": " + values + " are " + agreement + " (" + strength + ", weight "
                + String.format(Locale.UK, "%+.1f", weight) + ")";
    }

    private static String quoted(JsonNode value) {
        return value.isNull() || value.isMissingNode() || value.asText().isBlank() ? "(none)"
                : "“" + value.asText() + "”";
    }

    private static String percent(double probability) {
        return String.format(Locale.UK, "%.1f%%", probability * 100);
    }
}

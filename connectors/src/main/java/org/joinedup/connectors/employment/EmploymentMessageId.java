package org.joinedup.connectors.employment;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.joinedup.model.Limits;

/**
 * The employment event's own {@code messageId}, by which a redelivery is recognised. A message that is not
 * JSON or has no id yields null: it is still stored, recognised by its content hash.
 */
public class EmploymentMessageId {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String of(String body) {
        try {
            JsonNode id = JSON.readTree(body).path("messageId");
            // an id too long to keep, or with a NUL, is no id: the message is recognised by its content
            return id.isTextual() && !id.asText().isBlank() && id.asText().length() <= Limits.MESSAGE_ID
                    && id.asText().indexOf('\0') < 0 ? id.asText() : null;
        } catch (Exception notJson) {
            return null;
        }
    }
}

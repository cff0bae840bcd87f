package org.joinedup.connectors.socialcare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joinedup.model.InvalidMessageException;
import org.junit.jupiter.api.Test;

/** Two events stuck together are not one event: the body is refused, so the second is never silently lost. */
class SocialCareEventTrailingTextTest {

    @Test
    void textAfterTheEventMakesTheBodyInvalid() {
        String one = "{\"eventId\": \"e-1\"}";
        InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                () -> SocialCareEventReader.parse(one + one));
        assertEquals("$", refused.issues().get(0).expression());
        assertTrue(refused.issues().get(0).reason().startsWith("not valid JSON"), refused.getMessage());
    }
}

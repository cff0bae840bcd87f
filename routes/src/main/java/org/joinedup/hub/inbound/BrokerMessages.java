package org.joinedup.hub.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Collections;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/** Broker messages as the hub moves them between its queues. */
public final class BrokerMessages {

    /** The property the hub puts on a message it dead-letters: why. */
    public static final String REJECTION = "JoinedUpRejection";

    private BrokerMessages() {
    }

    /**
     * A copy of the message as it arrived, to send on: its body and the sender's properties, not the broker's own
     * ({@code _AMQ*}, {@code JMSX*}, with which it would be taken for a repeat of itself) nor the reason the hub
     * dead-lettered it.
     */
    public static Message copy(Session session, Message message) throws JMSException {
        return copy(session, message, message instanceof TextMessage ? null : bytes(message));
    }

    /**
     * {@link #copy(Session, Message)} of a message whose body was read already (the bytes of a large message are
     * gone once the consumer takes the next one): a text message's text is its own, the others' body is {@code body}.
     */
    public static Message copy(Session session, Message message, byte[] body) throws JMSException {
        Message copy;
        if (message instanceof TextMessage text) {
            copy = session.createTextMessage(text.getText());
        } else {
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(body);
            copy = bytes;
        }
        for (Object name : Collections.list(message.getPropertyNames())) {
            String property = (String) name;
            if (!property.startsWith("_AMQ") && !property.startsWith("JMSX") && !property.equals(REJECTION)) {
                copy.setObjectProperty(property, message.getObjectProperty(property));
            }
        }
        return copy;
    }

    /**
     * The message's body as bytes (a text message's text in UTF-8; none for a message of another kind). A large
     * message's body must be read before the consumer takes the next message, which discards what is left of it.
     */
    public static byte[] bytes(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText() == null ? new byte[0] : text.getText().getBytes(StandardCharsets.UTF_8);
        }
        if (message instanceof BytesMessage bytes) {
            // a large message comes in parts: read until the end, however much one read gives
            bytes.reset();
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream((int) bytes.getBodyLength());
            byte[] part = new byte[64 * 1024];
            for (int n = bytes.readBytes(part); n > 0; n = bytes.readBytes(part)) {
                body.write(part, 0, n);
            }
            bytes.reset();
            return body.toByteArray();
        }
        return new byte[0];
    }
}

package org.joinedup.hub.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.joinedup.hub.inbound.HubHeaders;
import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ReceivedText;

/**
 * Puts a queue message into the message store and notes its id (and whether it is a repeat) on the exchange. The
 * body is read as text the one way every interface reads it ({@link ReceivedText}); bytes that are not UTF-8 text,
 * or hold a NUL, are stored exactly as they arrived, and header {@link HubHeaders#UNREADABLE} says why, for the
 * connector to refuse the message (its dead-letter queue, with the reason).
 */
@ApplicationScoped
public class QueueMessageRecorder {

    @Inject
    InboundMessageStore store;

    public void record(Exchange exchange) {
        Message message = exchange.getMessage();
        AgencyKind agency = AgencyKind.valueOf(message.getHeader(HubHeaders.AGENCY, String.class));
        String queue = message.getHeader(HubHeaders.SENDER, String.class);
        Object body = message.getBody();
        byte[] received = body == null ? new byte[0] : body instanceof byte[] bytes ? bytes
                : message.getBody(String.class).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String payload;
        try {
            payload = ReceivedText.utf8(received);
        } catch (InvalidMessageException notText) {
            // kept as it arrived, and said on the exchange: the connector refuses it (this route's error policy
            // would not let the connector's own handling see an exception thrown here)
            StoredMessage stored = store.receiveBytes(agency, Transport.QUEUE, queue, "application/json", received);
            message.setHeader(HubHeaders.MESSAGE_ID, stored.id());
            message.setHeader(HubHeaders.UNREADABLE, notText.getMessage());
            return;
        }
        String agencyMessageId = message.getHeader(HubHeaders.AGENCY_MESSAGE_ID, String.class);
        StoredMessage stored = ReceivedText.isExactly(received, payload)
                ? store.receive(agency, Transport.QUEUE, queue, agencyMessageId, "application/json", payload)
                : store.receiveKeepingBytes(agency, Transport.QUEUE, queue, agencyMessageId, "application/json",
                        payload, received);
        message.setHeader(HubHeaders.MESSAGE_ID, stored.id());
        message.setBody(payload);
    }
}

package org.joinedup.hub.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.joinedup.connectors.HubHeaders;
import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.model.AgencyKind;

/** Puts a queue message into the message store and notes its id (and whether it is a repeat) on the exchange. */
@ApplicationScoped
public class QueueMessageRecorder {

    @Inject
    InboundMessageStore store;

    public void record(Exchange exchange) {
        Message message = exchange.getMessage();
        String payload = message.getBody(String.class);
        String agency = message.getHeader(HubHeaders.AGENCY, String.class);
        String queue = message.getHeader(HubHeaders.SENDER, String.class);
        String agencyMessageId = message.getHeader(HubHeaders.AGENCY_MESSAGE_ID, String.class);
        StoredMessage stored = store.receive(AgencyKind.valueOf(agency), Transport.QUEUE, queue, agencyMessageId,
                "application/json", payload);
        message.setHeader(HubHeaders.MESSAGE_ID, stored.id());
    }
}

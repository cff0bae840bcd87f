package org.joinedup.hub.inbound;

/** Camel headers and exchange properties every flow uses, in one place. */
public final class HubHeaders {

    /** The message store's id of the inbound message being processed. */
    /** Set by the message store on a message whose bytes are not text it can read: why (the message is stored). */
    public static final String UNREADABLE = "JoinedUpUnreadable";
    public static final String MESSAGE_ID = "JoinedUpMessageId";
    /** The authenticated caller's organisation (ODS code for NHS bodies, GSS code for councils). */
    public static final String CALLER_AGENCY = "JoinedUpCallerAgency";
    /** The authenticated caller's user name, for the audit trail. */
    public static final String CALLER = "JoinedUpCaller";

    /** The agency kind a stored message came from (an {@code AgencyKind} name). */
    public static final String AGENCY = "JoinedUpAgency";
    /** The agency's own id for the message, when it sends one; repeats are recognised by it. */
    public static final String AGENCY_MESSAGE_ID = "JoinedUpAgencyMessageId";
    /** Where the message came from: a queue name, a caller's organisation, a file name. */
    public static final String SENDER = "JoinedUpSender";

    private HubHeaders() {
    }
}

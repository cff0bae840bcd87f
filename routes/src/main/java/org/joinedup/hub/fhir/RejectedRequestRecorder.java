package org.joinedup.hub.fhir;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.inbound.StoredMessage;
import org.joinedup.hub.security.Caller;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.joinedup.connectors.StrictJson;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ReceivedText;
import org.joinedup.model.ValidationIssue;

/**
 * What a FHIR client sends is read the one way every interface reads text before HAPI sees it: UTF-8 only (a
 * byte-order mark is ignored), no NUL, and for JSON no key given twice; a body that breaks that is kept in the
 * message store exactly as it arrived, rejected, and answered {@code 400} with an OperationOutcome saying where. A
 * push that HAPI cannot parse (malformed JSON or XML) never reaches the budget flow; this interceptor still stores
 * it in the message store as rejected, with the parser's reason, so an operator can see what arrived.
 */
@Interceptor
@Singleton
public class RejectedRequestRecorder {

    @Inject
    InboundMessageStore store;

    @Inject
    Caller caller;

    @Inject
    ca.uhn.fhir.context.FhirContext fhir;

    /** Refused before HAPI parsed it; already stored with its reasons. */
    static final class UnreadableBody extends InvalidRequestException {
        UnreadableBody(InvalidMessageException invalid) {
            super(invalid.getMessage(), outcome(invalid));
        }

        private static OperationOutcome outcome(InvalidMessageException invalid) {
            OperationOutcome outcome = new OperationOutcome();
            for (ValidationIssue issue : invalid.issues()) {
                outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.STRUCTURE).setDiagnostics(issue.reason())
                        .addExpression(issue.expression());
            }
            return outcome;
        }
    }

    /** The request's user data holding its body's bytes as received, when they are not exactly its text (a BOM). */
    public static final String RECEIVED_BYTES = "joinedup.received-bytes";

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean refuseUnreadable(RequestDetails request) {
        if (request.getRequestType() != RequestTypeEnum.POST && request.getRequestType() != RequestTypeEnum.PUT) {
            return true;
        }
        byte[] body = request.loadRequestContents();
        if (body == null) {
            body = new byte[0];
        }
        try {
            if (body.length == 0) {
                throw new InvalidMessageException("$", "the body is empty; it must be a FHIR resource");
            }
            String text = ReceivedText.utf8(body);
            String type = String.valueOf(request.getHeader("Content-Type"));
            boolean json = type.contains("json") || text.stripLeading().startsWith("{");
            com.fasterxml.jackson.databind.JsonNode tree = json ? StrictJson.parse(text) : null;
            readable(text, tree);
            if (!ReceivedText.isExactly(body, text)) {
                // the byte-order mark, dropped for HAPI; the bytes as they came are kept for the message store
                request.getUserData().put(RECEIVED_BYTES, body);
                request.setRequestContents(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (InvalidMessageException unreadable) {
            StoredMessage stored = store.receiveBytes(AgencyKind.NHS, Transport.FHIR_REST, caller.agency(),
                    request.getHeader("Content-Type"), body);
            if (!stored.repeat()) {
                store.markRejected(stored.id(), unreadable.issues());
            }
            throw new UnreadableBody(unreadable);
        }
        return true;
    }

    /**
     * Whether HAPI can read the text as a resource at all: its parser fails on some malformed shapes (an extension
     * that is not an object, a resource that is null) with an error of its own rather than a parse error.
     */
    private void readable(String text, com.fasterxml.jackson.databind.JsonNode tree) {
        if (tree != null) {
            for (String at : JsonPaths.ofKey(tree, "resourceType")) {
                String type = JsonPaths.textAt(tree, at);
                if (type == null || !fhir.getResourceTypes().contains(type)) {
                    throw new InvalidMessageException(at, "not a FHIR resource: " + (type == null ? "the resource type"
                            + " must be text, the name of a FHIR R4 resource" : type.isEmpty() ? "the resource type is empty"
                            : "'" + JsonPaths.shown(type) + "' is not a FHIR R4 resource type"));
                }
            }
        }
        try {
            (tree != null ? fhir.newJsonParser() : fhir.newXmlParser()).parseResource(text);
        } catch (ca.uhn.fhir.parser.DataFormatException invalid) {
            String reason = invalid.getMessage().replaceFirst("^HAPI-\\d+: ", "");
            int colon = reason.indexOf(": ");
            String element = reason.startsWith(LocatedStrictErrorHandler.IN) && colon > 0
                    ? reason.substring(LocatedStrictErrorHandler.IN.length(), colon) : "$";
            if (element.equals("$") && tree != null) {
                // HAPI says which element it found but not where: find it in the body, to say where
                java.util.regex.Matcher unknown = UNKNOWN_ELEMENT.matcher(reason);
                List<String> at = unknown.find() ? JsonPaths.ofKey(tree, unknown.group(1)) : List.of();
                if (!at.isEmpty()) {
                    throw new InvalidMessageException(String.join(" | ", at), "not a FHIR resource: an element"
                            + " named '" + JsonPaths.shown(unknown.group(1)) + "' has no place there (a value"
                            + " of the wrong type, or an element FHIR R4 does not have)");
                }
            }
            throw new InvalidMessageException(element, "not a FHIR resource: " + reason);
        } catch (RuntimeException unreadable) {
            throw new InvalidMessageException("$", "not a FHIR resource the hub can read: an element does not have"
                    + " the shape FHIR gives it (an extension, a resource or a resource type that is not an object"
                    + " or is empty)");
        }
    }

    private static final java.util.regex.Pattern UNKNOWN_ELEMENT =
            java.util.regex.Pattern.compile("^Unknown element '([^']*)' found during parse");

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean recordUnreadable(RequestDetails request, BaseServerResponseException exception) {
        if (exception instanceof InvalidRequestException && !(exception instanceof UnreadableBody)
                && request.getRequestType() == RequestTypeEnum.POST
                && (request.getResourceName() == null || request.getResourceName().isEmpty())) {
            byte[] body = request.loadRequestContents();
            if (body != null && body.length > 0) {
                StoredMessage stored = store.receive(AgencyKind.NHS, Transport.FHIR_REST, caller.agency(), null,
                        request.getHeader("Content-Type"), new String(body, StandardCharsets.UTF_8));
                store.markRejected(stored.id(), List.of(new ValidationIssue("Bundle", exception.getMessage())));
            }
        }
        return true;
    }
}

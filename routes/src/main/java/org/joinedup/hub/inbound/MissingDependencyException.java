package org.joinedup.hub.inbound;

/**
 * A message depends on another the hub has not applied yet (a council payment on an allocation still on its way):
 * it is not the message's fault, nor a failure. The error policy parks it {@code WAITING} for the
 * {@link #dependency()}, and it is applied when that arrives ({@link InboundMessageStore#dependencyMet}).
 */
public class MissingDependencyException extends RuntimeException {

    private final String dependency;

    /**
     * @param dependency what the message waits for, as its arrival names it ({@code social-care-allocation:...})
     * @param reason in words, for the operator
     */
    public MissingDependencyException(String dependency, String reason) {
        super(reason);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}

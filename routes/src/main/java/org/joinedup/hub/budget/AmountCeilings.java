package org.joinedup.hub.budget;

import java.util.Optional;

import org.joinedup.model.AgencyKind;
import org.joinedup.model.Pence;

/**
 * The most one contribution of an agency's money may be, as the hub's funding rules say (the hub provides it): a
 * connector asks at the door, where a refusal is handled as any other bad message, rather than once the message is
 * being applied.
 */
public interface AmountCeilings {

    /** Why a contribution of {@code agency}'s money may not be {@code amount}, or empty when it may. */
    Optional<String> contributionRefusal(AgencyKind agency, Pence amount);
}

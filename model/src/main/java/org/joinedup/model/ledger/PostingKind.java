package org.joinedup.model.ledger;

/** Why money moved. */
public enum PostingKind {
    /** a funding body confirmed a contribution: funder to available */
    CONTRIBUTION_CONFIRMED,
    /** the funder changed the amount: the difference, funder to available (or back) */
    CONTRIBUTION_REVISED,
    /** the funder withdrew it: what is available goes back; commitments must move or be re-planned */
    CONTRIBUTION_WITHDRAWN,
    /** an approved plan line: available to committed */
    COMMITMENT,
    /** a commitment released (a plan line ended or moved): committed back to available */
    COMMITMENT_RELEASED,
    /** a payment: committed (or, for a one-off before a plan, available) to paid */
    PAYMENT,
    /** a payee gave money back: paid to available */
    REFUND,
    /** the funder took unspent money back: available to funder */
    CLAWBACK,
    /** year end: unspent money carried into the next year's contribution, or back to the funder */
    CARRY_FORWARD,
    /** a partner put money into a pooled fund (section 75, Better Care Fund): partner to the pool */
    POOL_DEPOSIT
}

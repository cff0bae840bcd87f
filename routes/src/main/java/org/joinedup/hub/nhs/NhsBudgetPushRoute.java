package org.joinedup.hub.nhs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.fhirmapping.BudgetTransactionOutcomeToResponseBundleMapper;
import org.joinedup.fhirmapping.TransactionBundleToBudgetTransactionMapper;
import org.joinedup.hub.inbound.HubEndpoints;
import org.joinedup.hub.inbound.HubHeaders;

/**
 * The NHS slice, its route: NHS trusts and ICBs push continuing-care budgets as FHIR transactions (see the NHS FHIR
 * R4 format). {@link NhsBudgetGateway} stores each push in the message store and sends the parsed Bundle here; it is
 * read and checked (module fhir-mapping), its owner checked against the caller, applied by
 * {@link BudgetTransactionApplier}, and answered with a transaction-response Bundle.
 */
@ApplicationScoped
public class NhsBudgetPushRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:nhs-budget-push";
    public static final String ROUTE_ID = "nhs-budget-push";
    public static final String APPLY_NODE = "nhs-budget-apply";
    static final String TRANSACTION = "JoinedUpBudgetTransaction";

    private final TransactionBundleToBudgetTransactionMapper reader = new TransactionBundleToBudgetTransactionMapper();
    private final BudgetTransactionOutcomeToResponseBundleMapper responseWriter =
            new BudgetTransactionOutcomeToResponseBundleMapper();

    @Inject
    BudgetOwnerCheck ownerCheck;

    @Inject
    BudgetTransactionApplier applier;

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID).routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .bean(reader, "map(${body})")
                .setProperty(TRANSACTION, body())
                .bean(ownerCheck, "check(${body}, ${header." + HubHeaders.CALLER_AGENCY + "})")
                .bean(applier, "apply(${body}, ${header." + HubHeaders.MESSAGE_ID + "}, ${header." + HubHeaders.CALLER
                        + "})").id(APPLY_NODE)
                .bean(responseWriter, "map(${exchangeProperty." + TRANSACTION + "}, ${body})");
    }
}

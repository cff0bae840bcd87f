package org.joinedup.hub.support;

/**
 * Agency messages for load tests (thousands of people): a council's payment and the allocation it draws on, and an
 * employment award, each for a person of its own.
 */
public final class LoadEvents {

    private LoadEvents() {
    }

    /** A council client of its own for this key (a surname from its letters, one of nine birth days). */
    public static String client(String prefix, String key, int n) {
        return "{\"clientId\": \"C-" + prefix + "-" + key + "\", \"forename\": \"Rosa\", \"surname\": \"Load"
                + key.replaceAll("[^a-f]", "") + "\", \"dateOfBirth\": \"1960-01-0" + (1 + n % 9) + "\"}";
    }

    /** A 700p payment with id {@code <prefix>-PAY-<key>} from allocation {@code <prefix>-A-<key>}; its event id {@code <prefix>-P-<key>}. */
    public static String payment(String council, String prefix, String key, String client) {
        return "{\"eventId\": \"" + prefix + "-P-" + key + "\", \"type\": \"PAYMENT_MADE\", \"occurredAt\":"
                + " \"2026-11-24T10:00:00Z\", \"council\": \"" + council + "\", \"client\": " + client
                + ", \"payment\": {\"paymentId\": \"" + prefix + "-PAY-" + key + "\", \"allocationId\": \"" + prefix
                + "-A-" + key + "\", \"amountPence\": 700, \"paidOn\": \"2026-11-24\", \"payee\": \"Oldham Day"
                + " Centre\", \"category\": \"DAY_OPPORTUNITIES\"}}";
    }

    /** The allocation {@code <prefix>-A-<key>} (£5,200 a year); its event id is the allocation id. */
    public static String allocation(String council, String prefix, String key, String client) {
        return "{\"eventId\": \"" + prefix + "-A-" + key + "\", \"type\": \"ALLOCATION_CONFIRMED\", \"occurredAt\":"
                + " \"2026-11-20T09:00:00Z\", \"council\": \"" + council + "\", \"client\": " + client
                + ", \"allocation\": {\"allocationId\": \"" + prefix + "-A-" + key + "\", \"department\":"
                + " \"ADULT_SOCIAL_CARE\", \"annualAmountPence\": 520000, \"periodStart\": \"2026-04-01\","
                + " \"periodEnd\": \"2027-03-31\", \"management\": \"DIRECT_PAYMENT\"}}";
    }

    /** A £150 training award {@code <prefix>-<messageId>} for the claimant with this NI number. */
    public static String award(String messageId, String nino, String prefix) {
        return """
                {"messageId": "%s", "type": "SUPPORT_AWARDED", "occurredAt": "2026-11-20T09:41:07Z",
                 "office": "Oldham Jobcentre",
                 "person": {"nino": "%s", "forename": "Ian", "surname": "Load", "dateOfBirth": "%s"},
                 "award": {"awardId": "%s-%s", "purpose": "TRAINING", "amountPence": 15000,
                           "validFrom": "2026-11-20", "validTo": "2027-05-19"}}"""
                .formatted(messageId, nino, TestPeople.bornOn(nino), prefix, messageId);
    }
}

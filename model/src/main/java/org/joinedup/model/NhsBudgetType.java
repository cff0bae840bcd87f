package org.joinedup.model;

import java.util.Arrays;
import java.util.Optional;

/** How a personal health budget is held, as NHS trusts send it. */
public enum NhsBudgetType {
    PHB_NOTIONAL("phb-notional"),
    PHB_THIRD_PARTY("phb-third-party"),
    PHB_DIRECT_PAYMENT("phb-direct-payment");

    private final String code;

    NhsBudgetType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<NhsBudgetType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}

package org.joinedup.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An exact amount of money in integer pence. Never a floating-point number. */
public record Pence(long value) implements Comparable<Pence> {

    public static final Pence ZERO = new Pence(0);

    /**
     * Converts pounds as written in a message ("1234.50") to pence, refusing anything that is not a whole number
     * of pence rather than rounding it.
     */
    public static Pence ofPounds(BigDecimal pounds) {
        if (pounds == null) {
            throw new IllegalArgumentException("amount is missing");
        }
        BigDecimal pence = pounds.movePointRight(2);
        if (pence.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("amount " + pounds.toPlainString() + " is not a whole number of pence");
        }
        return new Pence(pence.longValueExact());
    }

    /**
     * Pence a database summed (PostgreSQL's {@code sum} of a {@code bigint} is a {@code numeric}) as a {@code long},
     * exactly: a total beyond a long is an error, never a wrapped, negative figure.
     */
    public static long exactly(Number value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.longValueExact();
        }
        if (value instanceof java.math.BigInteger integer) {
            return integer.longValueExact();
        }
        return value.longValue();
    }

    public BigDecimal toPounds() {
        return BigDecimal.valueOf(value, 2).setScale(2, RoundingMode.UNNECESSARY);
    }

    public boolean isNegative() {
        return value < 0;
    }

    public Pence plus(Pence other) {
        return new Pence(Math.addExact(value, other.value));
    }

    public Pence minus(Pence other) {
        return new Pence(Math.subtractExact(value, other.value));
    }

    @Override
    public int compareTo(Pence other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "£" + toPounds().toPlainString();
    }
}

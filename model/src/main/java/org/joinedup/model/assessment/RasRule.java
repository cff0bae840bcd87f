package org.joinedup.model.assessment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.joinedup.model.AgencyKind;

/**
 * One funding body's rule in the Resource Allocation System: which assessment domains count, when the body can
 * contribute at all (a flag answered yes, a domain's points above a threshold, enough points in all), and how points
 * turn into an indicative annual budget (bands of points, each at pence per point or a fixed amount, then a floor and a
 * cap). Read from a properties file (one per funding body, under {@code config/ras/}); see
 * {@code config/ras/README.md} for the keys.
 */
public record RasRule(String id, String version, AgencyKind agency, String fundingBodyCode, String fundingBodyName,
        Money money, List<AssessmentDomain> domains, AssessmentFlag requires,
        Map<AssessmentDomain, Integer> thresholds, int eligibleFromPoints, List<Band> bands, long floorPence,
        long capPence) {

    /** Revenue (spent year by year) or capital (a one-off purchase, such as an adaptation). */
    public enum Money {
        REVENUE,
        CAPITAL
    }

    /** From this many points: either pence per point, or a fixed amount. */
    public record Band(int fromPoints, Long pencePerPoint, Long fixedPence) {
    }

    /** Reads a rule; a missing or malformed key is refused naming the rule file and the key. */
    public static RasRule load(String id, Reader in) {
        Properties p = new Properties();
        try {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Keys k = new Keys(id, p);
        List<AssessmentDomain> domains = new ArrayList<>();
        for (String code : k.required("domains").split(",")) {
            AssessmentDomain domain = AssessmentDomain.ofCode(code.trim());
            if (domain == null) {
                throw k.problem("domains", "unknown domain '" + code.trim() + "'");
            }
            domains.add(domain);
        }
        Map<AssessmentDomain, Integer> thresholds = new EnumMap<>(AssessmentDomain.class);
        String thresholdList = p.getProperty("thresholds", "").trim();
        if (!thresholdList.isEmpty()) {
            for (String pair : thresholdList.split(",")) {
                String[] parts = pair.trim().split(":");
                AssessmentDomain domain = parts.length == 2 ? AssessmentDomain.ofCode(parts[0].trim()) : null;
                if (domain == null) {
                    throw k.problem("thresholds", "'" + pair.trim() + "' is not domain:points");
                }
                thresholds.put(domain, k.integer("thresholds", parts[1].trim()));
            }
        }
        String requires = p.getProperty("requires", "").trim();
        List<Band> bands = new ArrayList<>();
        for (int n = 1; p.getProperty("band." + n + ".from-points") != null; n++) {
            String key = "band." + n;
            Long perPoint = k.optionalLong(key + ".pence-per-point");
            Long fixed = k.optionalLong(key + ".fixed-pence");
            if ((perPoint == null) == (fixed == null)) {
                throw k.problem(key, "give exactly one of pence-per-point and fixed-pence");
            }
            bands.add(new Band(k.integer(key + ".from-points", p.getProperty(key + ".from-points")), perPoint, fixed));
        }
        if (bands.isEmpty()) {
            throw k.problem("band.1.from-points", "at least one band is needed");
        }
        bands.sort(Comparator.comparingInt(Band::fromPoints));
        try {
            return new RasRule(id, k.required("version"), AgencyKind.valueOf(k.required("funding-body.agency")),
                    k.required("funding-body.code"), k.required("funding-body.name"),
                    Money.valueOf(p.getProperty("money", "REVENUE").trim()), List.copyOf(domains),
                    requires.isEmpty() ? null : AssessmentFlag.fromConfigName(requires), Map.copyOf(thresholds),
                    k.integer("eligible-from-points", p.getProperty("eligible-from-points", "0")), List.copyOf(bands),
                    k.optionalLong("floor-pence") == null ? 0 : k.optionalLong("floor-pence"),
                    k.optionalLong("cap-pence") == null ? Long.MAX_VALUE : k.optionalLong("cap-pence"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("RAS rule " + id + ": " + e.getMessage(), e);
        }
    }

    private record Keys(String id, Properties p) {
        String required(String key) {
            String value = p.getProperty(key);
            if (value == null || value.isBlank()) {
                throw problem(key, "is missing");
            }
            return value.trim();
        }

        int integer(String key, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException | NullPointerException e) {
                throw problem(key, "must be a whole number, got '" + value + "'");
            }
        }

        Long optionalLong(String key) {
            String value = p.getProperty(key);
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                long parsed = Long.parseLong(value.trim());
                if (parsed < 0) {
                    throw problem(key, "must not be negative");
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw problem(key, "must be a whole number of pence, got '" + value.trim() + "'");
            }
        }

        IllegalArgumentException problem(String key, String reason) {
            return new IllegalArgumentException("RAS rule " + id + ": " + key + " " + reason);
        }
    }
}

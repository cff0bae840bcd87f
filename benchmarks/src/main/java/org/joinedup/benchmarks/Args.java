package org.joinedup.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --key=value} options of the connector benchmarks (inside {@code -Dexec.args="..."}), read by name with a
 * default; {@link #finish()} refuses any option that no getter asked for, so a misspelt option is not silently
 * ignored.
 */
final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> known = new TreeSet<>();
    final boolean help;

    Args(String[] args) {
        boolean h = false;
        for (String arg : args) {
            for (String part : arg.trim().split("\\s+")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (part.equals("--help") || part.equals("-h")) {
                    h = true;
                    continue;
                }
                if (!part.startsWith("--") || !part.contains("=")) {
                    throw new IllegalArgumentException("options are --key=value, got '" + part + "'");
                }
                int eq = part.indexOf('=');
                values.put(part.substring(2, eq), part.substring(eq + 1));
            }
        }
        help = h;
    }

    String string(String key, String fallback) {
        known.add(key);
        return values.getOrDefault(key, fallback);
    }

    long longValue(String key, long fallback, long min) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " takes a whole number, got '" + v + "'");
        }
        if (n < min) {
            throw new IllegalArgumentException("--" + key + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    int intValue(String key, int fallback, int min) {
        long n = longValue(key, fallback, min);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + key + " is too large: " + n);
        }
        return (int) n;
    }

    double doubleValue(String key, double fallback) {
        String v = string(key, null);
        try {
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " takes a number, got '" + v + "'");
        }
    }

    /** A fraction 0..1, or a percentage such as {@code 2%}. */
    double fraction(String key, double fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        double f;
        try {
            f = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " is a fraction 0..1 or a percentage, got '" + v + "'");
        }
        if (f < 0 || f > 1) {
            throw new IllegalArgumentException("--" + key + " is a fraction 0..1 or a percentage, got '" + v + "'");
        }
        return f;
    }

    boolean bool(String key, boolean fallback) {
        String v = string(key, null);
        return v == null ? fallback : Boolean.parseBoolean(v);
    }

    /** Call after every option was read: refuses options nobody asked for. */
    void finish() {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key + " (known: --"
                        + String.join(", --", known) + ")");
            }
        }
    }

    /** A benchmark made from its options, ready to run. */
    interface Benchmark {
        void run() throws Exception;
    }

    /** How a benchmark is made from its options; refuses bad options with an IllegalArgumentException. */
    interface Factory {
        Benchmark create(Args args);
    }

    /**
     * The benchmarks' common {@code main}: options read (usage printed for --help or bad options, exit 2), then the
     * run; a hub that is not there or not set up is reported as "NOT run" (exit 2).
     */
    static void launch(String[] argv, String usage, Factory factory) throws Exception {
        Benchmark benchmark;
        try {
            Args a = new Args(argv);
            if (a.help) {
                System.out.println(usage);
                return;
            }
            benchmark = factory.create(a);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            System.err.println("benchmark: " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
            return;
        }
        try {
            benchmark.run();
        } catch (HubApi.SetupException e) {
            System.err.println();
            System.err.println("benchmark NOT run: " + e.getMessage());
            System.exit(2);
        }
    }
}

package org.joinedup.hub.web;

import java.util.List;

/**
 * A horizontal stacked bar chart in SVG, drawn on the server: one bar per row, its parts in the key's colours, a
 * title and a description that say in words what it shows (the page puts the same figures in a table as well).
 */
public final class StackedBars {

    /** A part of the key: its name and colour. */
    public record Key(String name, String colour) {
    }

    /** A bar: its label and one amount in pence per key, in the key's order. */
    public record Bar(String label, List<Long> pence) {
    }

    static final String BLUE = "#1d70b8";
    static final String PURPLE = "#912b88";
    static final String GREEN = "#00703c";

    private static final int LABEL_WIDTH = 300;
    private static final int BAR_WIDTH = 480;
    private static final int ROW = 44;
    private static final int HEIGHT = 26;

    private StackedBars() {
    }

    public static String svg(String id, String title, String description, List<Key> keys, List<Bar> bars) {
        return svg(id, title, description, keys, bars, PageFormats::pounds);
    }

    /** As {@link #svg(String, String, String, List, List)}, for amounts that are not money ({@code amount} says them). */
    public static String svg(String id, String title, String description, List<Key> keys, List<Bar> bars,
            java.util.function.Function<Long, String> amount) {
        long largest = Math.max(1, bars.stream().mapToLong(b -> b.pence().stream().mapToLong(Long::longValue).reduce(0L, Math::addExact))
                .max().orElse(1));
        int width = LABEL_WIDTH + BAR_WIDTH + 20;
        int height = ROW * bars.size() + 40;
        StringBuilder svg = new StringBuilder("<svg class=\"joinedup-chart\" id=\"").append(id)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"")
                .append(width).append("\" height=\"").append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(escape(description)).append("</desc>");
        int y = 10;
        for (Bar bar : bars) {
            svg.append("<text x=\"0\" y=\"").append(y + HEIGHT / 2 + 5).append("\">").append(escape(shorten(
                    bar.label()))).append("</text>");
            int x = LABEL_WIDTH;
            for (int i = 0; i < keys.size(); i++) {
                long pence = bar.pence().get(i);
                int part = (int) Math.round((double) pence * BAR_WIDTH / largest);
                if (part > 0) {
                    svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(part)
                            .append("\" height=\"").append(HEIGHT).append("\" fill=\"").append(keys.get(i).colour())
                            .append("\" stroke=\"#ffffff\" stroke-width=\"1\"><title>").append(escape(bar.label()
                                    + " " + keys.get(i).name().toLowerCase(java.util.Locale.UK) + ": "
                                    + amount.apply(pence))).append("</title></rect>");
                }
                x += part;
            }
            y += ROW;
        }
        int keyX = LABEL_WIDTH;
        for (Key key : keys) {
            svg.append("<rect x=\"").append(keyX).append("\" y=\"").append(y).append("\" width=\"14\" height=\"14\""
                    + " fill=\"").append(key.colour()).append("\" stroke=\"#0b0c0c\"/>");
            svg.append("<text x=\"").append(keyX + 20).append("\" y=\"").append(y + 12).append("\">")
                    .append(escape(key.name())).append("</text>");
            keyX += 130;
        }
        return svg.append("</svg>").toString();
    }

    private static String shorten(String label) {
        return label.length() <= 40 ? label : label.substring(0, 39) + "…";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

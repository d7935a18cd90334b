package dev.llmrouter.camel.usage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Hand-written SVG bar charts for usage reports: one horizontal bar per row, its width proportional to the row's
 * cost (the highest cost gets the full {@value #BAR_WIDTH} px), labelled with the key and the cost. Text is
 * XML-escaped; the result is a standalone SVG 1.1 document.
 */
public final class UsageChart {

    /** Width in px of the widest bar. */
    public static final int BAR_WIDTH = 400;
    private static final int LABEL_WIDTH = 260;
    private static final int ROW_HEIGHT = 24;
    private static final int TOP = 40;

    private UsageChart() {
    }

    /** One bar per row ({@code <rect class="bar" data-key=... width=...>}), in the rows' order. */
    public static String costBars(String title, List<UsageReport.Row> rows) {
        BigDecimal max = rows.stream().map(UsageReport.Row::cost).reduce(BigDecimal.ZERO, BigDecimal::max);
        int width = LABEL_WIDTH + BAR_WIDTH + 120;
        int height = TOP + rows.size() * ROW_HEIGHT + 10;
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        b.append("  <title>").append(escape(title)).append("</title>\n");
        b.append("  <rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        b.append("  <text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">").append(escape(title))
                .append("</text>\n");
        for (int i = 0; i < rows.size(); i++) {
            UsageReport.Row r = rows.get(i);
            int y = TOP + i * ROW_HEIGHT;
            String w = barWidth(r.cost(), max);
            b.append("  <text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(escape(r.key())).append("</text>\n");
            b.append("  <rect class=\"bar\" data-key=\"").append(escape(r.key())).append("\" x=\"")
                    .append(LABEL_WIDTH).append("\" y=\"").append(y + 2).append("\" width=\"").append(w)
                    .append("\" height=\"").append(ROW_HEIGHT - 6).append("\" fill=\"#4e79a7\"/>\n");
            b.append("  <text x=\"").append(LABEL_WIDTH + BAR_WIDTH + 8).append("\" y=\"").append(y + 15)
                    .append("\">$").append(r.cost().setScale(6, RoundingMode.HALF_UP).toPlainString())
                    .append("</text>\n");
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static String barWidth(BigDecimal cost, BigDecimal max) {
        if (max.signum() <= 0) {
            return "0";
        }
        BigDecimal w = cost.max(BigDecimal.ZERO).multiply(BigDecimal.valueOf(BAR_WIDTH))
                .divide(max, MathContext.DECIMAL64).setScale(2, RoundingMode.HALF_UP);
        return w.stripTrailingZeros().toPlainString();
    }

    /** Escapes the five XML special characters and drops characters XML 1.0 forbids. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (c != 0xFFFE && c != 0xFFFF) {
                            b.append(c);
                        }
                    }
                }
            }
        }
        return b.toString();
    }
}

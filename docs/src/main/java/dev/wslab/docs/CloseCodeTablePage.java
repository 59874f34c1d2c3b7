package dev.wslab.docs;

import dev.wslab.protocol.close.CloseCode;
import java.util.stream.IntStream;

/**
 * CloseCodeTablePage writes the close code table from {@link CloseCode} itself: each defined code and each
 * range, with its name, its category, and whether it may appear in a Close frame.
 */
final class CloseCodeTablePage {

    private CloseCodeTablePage() {
    }

    /** Renders the table. */
    static String render() {
        StringBuilder page = new StringBuilder();
        page.append("[cols=\"1,2,2,1\",options=\"header\"]\n|===\n|Code |Name |Category |Valid in a Close frame\n");
        IntStream.rangeClosed(1000, 1015).forEach(value -> row(page, String.valueOf(value), CloseCode.of(value)));
        row(page, "0–999", CloseCode.of(999));
        row(page, "1016–2999", CloseCode.of(2000));
        row(page, "3000–3999", CloseCode.of(3000));
        row(page, "4000–4999", CloseCode.of(4000));
        row(page, "5000–65535", CloseCode.of(5000));
        return page.append("|===\n").toString();
    }

    private static void row(StringBuilder page, String code, CloseCode sample) {
        page.append("\n|[[code-").append(code.replace('–', '-')).append("]]").append(code)
                .append("\n|").append(sample.meaning())
                .append("\n|`").append(sample.category()).append('`')
                .append("\n|").append(sample.isValidOnTheWire() ? "yes" : "*no*").append('\n');
    }
}

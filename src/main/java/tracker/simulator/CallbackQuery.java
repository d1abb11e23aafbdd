package tracker.simulator;

import java.time.ZonedDateTime;
import java.util.Locale;

/** Builds a callback's query string with eSMS's field order (that of its published journey sample). */
final class CallbackQuery {
    private CallbackQuery() {
    }

    static String build(Message m, MessageStatus s, ZonedDateTime now) {
        // partnerids is Zalo's message id: known once the message has reached Zalo
        String partnerIds = s.rank() >= 3 ? m.partnerId() : "";
        return "SMSID=" + m.smsId()
                + "&SendFailed=" + s.sendFailed()
                + "&SendStatus=" + s.sendStatus()
                + "&SendSuccess=" + s.sendSuccess()
                + "&TotalPrice=" + String.format(Locale.ROOT, "%.4f", s.totalPrice())
                + "&TotalReceiver=1"
                + "&TotalSent=" + s.totalSent()
                + "&RequestId=" + plain(m.requestId())
                + "&TypeId=27"
                + "&telcoid=" + m.telcoId()
                + "&phonenumber=" + plain(m.phone())
                + "&error_info=" + m.encoding().encode(s.errorInfo(), now)
                + "&oaid=" + plain(m.oaId())
                + "&tempid=" + plain(m.tempId())
                + "&partnerids=" + partnerIds;
    }

    private static String plain(String value) {
        return value == null ? "" : ErrorInfoEncoding.percent(value, "");
    }
}
